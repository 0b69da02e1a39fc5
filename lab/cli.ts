import { existsSync } from "node:fs";
import { parseArgs, USAGE, UsageError } from "./args";
import { teardown } from "./down";
import { UnknownScenarioError } from "./scenarios";
import { labDir, labPaths, readManifest } from "./state";
import { statusText } from "./status";
import { RefusedError, up } from "./up";

export const NEEDS_ROOT = "the lab needs root (network namespaces, iptables): run it as root";

async function main(argv: readonly string[]): Promise<number> {
  let args;
  try {
    args = parseArgs(argv);
  } catch (e) {
    if (e instanceof UsageError || e instanceof UnknownScenarioError) {
      console.error(`lab: ${e.message}\n${USAGE}`);
      return 2;
    }
    throw e;
  }
  if (process.getuid?.() !== 0) {
    console.error(`lab: ${NEEDS_ROOT}`);
    return 1;
  }
  const dir = labDir();
  const started = Date.now();
  if (args.command === "down") {
    const r = await teardown(dir, false);
    for (const n of r.notes) console.log(`note: ${n}`);
    console.log(`lab down: ${r.namespaces} namespaces, ${r.processes} processes, ${r.links} links removed in ${Date.now() - started} ms`);
    return 0;
  }
  if (args.command === "status") {
    console.log(await statusText(existsSync(labPaths(dir).manifest) ? readManifest(dir) : null));
    return 0;
  }
  try {
    const m = await up({
      dir,
      scenarios: args.scenarios,
      extraClients: args.clients,
      extrasLike: args.extrasLike,
      hostile: args.hostile,
      reach: args.reach,
      log: (l) => console.log(l),
    });
    const p = labPaths(dir);
    console.log(`lab up: ${m.clients.length} clients in ${Date.now() - started} ms`);
    if (m.reach) console.log(`reach:        ${m.reach.nodes.length} namespaces, inventory ${m.reach.inventoryFile}`);
    console.log(`inventory:   ${p.inventory}\nknown_hosts: ${p.knownHosts}\nidentity:    ${p.identityFile}\nmanifest:    ${p.manifest}`);
    return 0;
  } catch (e) {
    if (e instanceof RefusedError) {
      console.error(`lab: ${e.message}`);
      return 1;
    }
    throw e;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(`lab: ${e instanceof Error ? e.message : String(e)}`);
    console.error("lab: what was made so far stays for inspection; npm run lab -- down removes it");
    process.exit(1);
  },
);
