import type { InventoryFile } from "./schema";
import type { Machine, Vantage } from "./types";

type At = (path: PropertyKey[]) => string;

export interface ReachSettings {
  readonly vantages: Vantage[];
  readonly services: { readonly host: string } | null;
  readonly machines: Machine[];
}

function duplicateNames(items: readonly { name: string }[], key: string, at: At, problems: string[]): void {
  const seen = new Map<string, number>();
  items.forEach((item, i) => {
    const first = seen.get(item.name);
    if (first !== undefined) problems.push(`${at([key, i, "name"])}: duplicate name ${JSON.stringify(item.name)} (also ${key}[${first}])`);
    else seen.set(item.name, i);
  });
}

/** vantages, services and machines: names unique per list, problems reported with file:line: field. */
export function readReachSettings(data: InventoryFile, at: At, problems: string[]): ReachSettings {
  duplicateNames(data.vantages, "vantages", at, problems);
  duplicateNames(data.machines, "machines", at, problems);
  return {
    vantages: data.vantages.map((v) => ({
      name: v.name,
      host: v.host,
      port: v.port,
      user: v.user ?? data.ssh.user,
      ...(v.check ? { check: { ...v.check } } : {}),
    })),
    services: data.services ? { host: data.services.host } : null,
    machines: data.machines.map((m) => ({ name: m.name, host: m.host })),
  };
}

/**
 * nomad.via names a static client, and needs nomad.allowCidrs: a listing read from one client's agent
 * is that client's word, so it never chooses what the dashboard SSHes into on its own.
 */
export function checkVia(data: InventoryFile, at: At, problems: string[]): void {
  const via = data.nomad?.via;
  if (via === undefined) return;
  if (!data.clients.some((c) => c.name === via))
    problems.push(`${at(["nomad", "via"])}: no client named ${JSON.stringify(via)} in clients`);
  if ((data.nomad?.allowCidrs ?? []).length === 0)
    problems.push(`${at(["nomad", "via"])}: set nomad.allowCidrs too: nodes listed by a client's agent are inspected only inside them`);
}
