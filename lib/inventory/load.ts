import { cleartextRefusal } from "./nomad-address";
import { existsSync, readFileSync } from "node:fs";
import { basename } from "node:path";
import { LineCounter, parseDocument } from "yaml";
import { AppError } from "../common/app-error";
import { expandPath, type Env } from "./expand";
import { agentWanted, checkSshAuth } from "./load-auth";
import { checkVia, readReachSettings } from "./load-reach";
import { formatPath, lineOf } from "./locate";
import { inventoryFileSchema } from "./schema";
import { unknownKeys } from "./unknown-keys";
import { watchSettings } from "./watch-schema";
import { DEFAULT_PODMAN_PORTS, DEFAULT_RERUN_PORTS, NEWEST_SERVER_VERSION, type Inventory, type Target } from "./types";

export const DEFAULT_CONNECT_TIMEOUT_MS = 5000;
/** A ceiling for a host that keeps answering; a silent one is caught far sooner (lib/ssh/patience.ts). */
const DEFAULT_COMMAND_TIMEOUT_MS = 60_000;

function invalid(file: string, problems: string[]): AppError {
  return new AppError("invalid_inventory", `invalid inventory ${file}`, problems);
}

/** Reads and validates an inventory file; every problem names file, line and field. */
export function loadInventory(file: string, env: Env = process.env): Inventory {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    throw invalid(file, [`${file}: cannot read: ${(error as NodeJS.ErrnoException).code ?? "error"}`]);
  }
  return parseInventory(text, file, env);
}

export function parseInventory(text: string, file: string, env: Env = process.env): Inventory {
  const name = basename(file);
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, uniqueKeys: true, prettyErrors: false });
  if (doc.errors.length > 0) {
    throw invalid(
      file,
      doc.errors.map((e) => `${name}:${counter.linePos(e.pos[0]).line}: ${e.message.split("\n")[0]}`),
    );
  }
  const raw: unknown = doc.toJS() ?? {};
  const parsed = inventoryFileSchema.safeParse(raw);
  if (!parsed.success) {
    throw invalid(
      file,
      parsed.error.issues.map((i) => `${name}:${lineOf(doc, counter, i.path)}: ${formatPath(i.path) || "(top level)"}: ${i.message}`),
    );
  }
  const data = parsed.data;
  const problems: string[] = [];
  const at = (path: PropertyKey[]) => `${name}:${lineOf(doc, counter, path)}: ${formatPath(path)}`;
  const path = (raw: string | undefined, field: PropertyKey[]) => {
    if (raw === undefined) return undefined;
    try {
      return expandPath(raw, file, env);
    } catch (error) {
      problems.push(`${at(field)}: ${(error as Error).message}`);
      return undefined;
    }
  };
  const identityFile = path(data.ssh.identityFile, ["ssh", "identityFile"]);
  const knownHostsFile = path(data.ssh.knownHostsFile, ["ssh", "knownHostsFile"]) ?? "";
  const clients: Target[] = [];
  const names = new Map<string, number>();
  const addresses = new Map<string, number>();
  data.clients.forEach((c, i) => {
    const key = `${c.host.toLowerCase()}:${c.port}`;
    if (names.has(c.name))
      problems.push(`${at(["clients", i, "name"])}: duplicate name ${JSON.stringify(c.name)} (also clients[${names.get(c.name)}])`);
    if (addresses.has(key)) problems.push(`${at(["clients", i, "host"])}: ${c.host}:${c.port} is already clients[${addresses.get(key)}]`);
    names.set(c.name, i);
    addresses.set(key, i);
    clients.push({
      name: c.name,
      host: c.host,
      port: c.port,
      user: c.user ?? data.ssh.user,
      source: "inventory",
      runtime: c.runtime ?? "docker",
    });
  });
  if (clients.length === 0 && !data.nomad) problems.push(`${name}:1: clients: list at least one client (or a nomad: section)`);
  checkSshAuth(data.ssh, identityFile, env, at, problems);
  const caFile = path(data.nomad?.caFile, ["nomad", "caFile"]);
  if (caFile && !existsSync(/*turbopackIgnore: true*/ caFile)) problems.push(`${at(["nomad", "caFile"])}: ${caFile} does not exist`);
  if (data.nomad?.tokenEnv && env[data.nomad.tokenEnv] === undefined) {
    problems.push(`${at(["nomad", "tokenEnv"])}: environment variable ${data.nomad.tokenEnv} is not set`);
  }
  const reach = readReachSettings(data, at, problems);
  checkVia(data, at, problems);
  if (problems.length > 0) throw invalid(file, problems);
  const connectTimeoutMs = data.ssh.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
  const warnings = unknownKeys(raw, inventoryFileSchema).map((key) => `${at(key)}: unknown key, ignored`);
  const cleartext = data.nomad?.address && cleartextRefusal(data.nomad.address);
  if (cleartext) warnings.push(`${at(["nomad", "address"])}: ${cleartext}`);
  const watch = watchSettings(data.schedule, data.alerts, env, at, warnings);
  return {
    file,
    warnings,
    ssh: {
      user: data.ssh.user,
      identityFile,
      passphraseEnv: data.ssh.passphraseEnv,
      useAgent: agentWanted(data.ssh),
      knownHostsFile,
      hostKeyPolicy: data.ssh.hostKeyPolicy,
      jumpHost: data.ssh.jumpHost && {
        host: data.ssh.jumpHost.host,
        port: data.ssh.jumpHost.port,
        user: data.ssh.jumpHost.user ?? data.ssh.user,
      },
      connectTimeoutMs,
      commandTimeoutMs: data.ssh.commandTimeoutMs ?? DEFAULT_COMMAND_TIMEOUT_MS,
    },
    rerun: {
      ports: data.rerun?.ports ?? DEFAULT_RERUN_PORTS,
      portsExplicit: data.rerun?.ports !== undefined,
      podmanPorts: data.rerun?.podmanPorts ?? DEFAULT_PODMAN_PORTS,
    },
    server: {
      version: data.server?.version ?? NEWEST_SERVER_VERSION,
      ...(data.server?.terraformModule ? { terraformModule: data.server.terraformModule } : {}),
    },
    probe: { allowCidrs: data.probe?.allowCidrs ?? [] },
    clients,
    nomad: data.nomad && {
      address: data.nomad.address,
      via: data.nomad.via,
      tokenEnv: data.nomad.tokenEnv,
      caFile,
      allowCidrs: data.nomad.allowCidrs,
      maxNodes: data.nomad.maxNodes,
    },
    ...reach,
    ...(watch ? { watch } : {}),
    users: data.users ? { cidrs: data.users.cidrs } : null,
  };
}
