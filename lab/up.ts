import { appendFileSync, mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { startLabd } from "./daemon";
import { teardown } from "./down";
import { mapLimit } from "./exec";
import { ensureHostDirs } from "./host-dirs";
import { buildCanary } from "./canary";
import { buildNetwork } from "./net";
import { claimedAddresses, planClients } from "./plan";
import { BRIDGE, DASHBOARD_IP } from "./addresses";
import { renderInventory, renderKnownHosts, TRIVIAL_BASHRC } from "./render";
import { checkSafety } from "./safety";
import { gatherHostFacts } from "./safety-facts";
import { selectScenarios } from "./scenarios";
import { prepareClient, startSshds } from "./sshd";
import { ensureKey, labPaths } from "./state";
import type { LabManifest, LabReach } from "./types";
import { buildReachNetwork, planReach, renderReachInventory, renderReachKnownHosts, reachClaims } from "./reach";

export class RefusedError extends Error {}

export interface UpOptions {
  readonly dir: string;
  readonly scenarios: readonly string[];
  readonly extraClients: number;
  /** The scenario the extra clients copy; default healthy-imdsv1. */
  readonly extrasLike?: string;
  /** Adds the hostile group (see hostile-scenarios.ts) to the chosen scenarios. */
  readonly hostile?: boolean;
  /** Adds the reach parts (see reach.ts) and writes inventory-reach.yaml. */
  readonly reach?: boolean;
  readonly log: (line: string) => void;
}

/** Brings the lab up from scratch (tearing down what is there first); returns the manifest. */
export async function up(opts: UpOptions): Promise<LabManifest> {
  const paths = labPaths(opts.dir);
  const planned = planClients(selectScenarios(opts.scenarios, opts.hostile ?? false), opts.extraClients, opts.dir, opts.extrasLike);

  const plannedReach = opts.reach ? planReach(planned.length, opts.dir) : null;

  const problems = checkSafety([...claimedAddresses(planned), ...(plannedReach ? reachClaims(plannedReach) : [])], await gatherHostFacts());
  if (problems.length > 0) throw new RefusedError(`refusing to bring the lab up:\n  - ${problems.join("\n  - ")}`);

  const t = await teardown(opts.dir, true);
  if (t.namespaces > 0 || t.links > 0) opts.log(`tore down the previous lab (${t.namespaces} namespaces)`);

  mkdirSync(paths.clientsDir, { recursive: true, mode: 0o700 });
  writeFileSync(paths.marker, "Made by `npm run lab -- up`; `npm run lab -- down` deletes this directory.\n");
  writeFileSync(paths.bashrc, TRIVIAL_BASHRC);
  const adminPub = await ensureKey(paths.identityFile, "rerun-doctor-lab-admin");
  writeFileSync(paths.authorizedKeys, `${adminPub}\n`, { mode: 0o600 });
  const { createdEtcCircleci } = ensureHostDirs();

  const keep = new Set(planned.map((c) => c.name));
  for (const d of readdirSync(paths.clientsDir)) if (!keep.has(d)) rmSync(join(paths.clientsDir, d), { recursive: true, force: true });
  const keys = await mapLimit(planned, 8, (c) => prepareClient(c, paths));
  const knownPub = new Map(planned.map((c, i) => [c.name, keys[i]?.knownPub ?? ""]));

  await buildNetwork(planned);
  await buildCanary();
  const clients = await startSshds(planned, paths);

  writeFileSync(
    paths.knownHosts,
    renderKnownHosts(clients, (c) => knownPub.get(c.name) ?? ""),
  );
  const invPaths = { identityFile: paths.identityFile, knownHostsFile: paths.knownHosts };
  writeFileSync(paths.inventory, renderInventory(clients, invPaths));
  let reach: LabReach | null = null;
  rmSync(`${opts.dir}/inventory-reach.yaml`, { force: true });
  if (plannedReach) {
    const reachNodes = plannedReach.nodes.map((n) => n.node);
    const reachKeys = await mapLimit(reachNodes, 8, (c) => prepareClient(c, paths));
    await buildReachNetwork(plannedReach);
    const started = await startSshds(reachNodes, paths);
    reach = { ...plannedReach, nodes: plannedReach.nodes.map((n, i) => ({ ...n, node: started[i] ?? n.node })) };
    appendFileSync(
      paths.knownHosts,
      renderReachKnownHosts(reach, (c) => reachKeys[reachNodes.findIndex((x) => x.name === c.name)]?.hostPub ?? ""),
    );
    writeFileSync(reach.inventoryFile, renderReachInventory(reach, invPaths));
  } else {
    rmSync(`${opts.dir}/reach`, { recursive: true, force: true });
  }
  const manifest: LabManifest = {
    schemaVersion: 1,
    createdAt: new Date().toISOString(),
    stateDir: opts.dir,
    bridge: BRIDGE,
    dashboardIp: DASHBOARD_IP,
    inventoryFile: paths.inventory,
    knownHostsFile: paths.knownHosts,
    identityFile: paths.identityFile,
    labdPid: null,
    createdEtcCircleci,
    clients,
    ...(reach ? { reach } : {}),
  };
  writeFileSync(paths.manifest, JSON.stringify(manifest, null, 2) + "\n");
  const labdPid = await startLabd(paths);
  const final = { ...manifest, labdPid };
  writeFileSync(paths.manifest, JSON.stringify(final, null, 2) + "\n");
  return final;
}
