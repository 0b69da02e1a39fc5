import { existsSync, readdirSync, rmSync } from "node:fs";
import { stopLabd } from "./daemon";
import { mapLimit, run } from "./exec";
import { removeHostDirs } from "./host-dirs";
import { listLabLinks, listLabNamespaces } from "./net";
import { BRIDGE, LAB_CIDR } from "./addresses";
import { findProcesses, terminate } from "./procs";
import type { HostRoute } from "./safety";
import { labPaths, STATE_MARKER } from "./state";

export interface TeardownReport {
  readonly namespaces: number;
  readonly processes: number;
  readonly links: number;
  readonly notes: string[];
}

/** Removes everything the lab made, found by name; keeps the state dir when `keepStateDir`. */
export async function teardown(dir: string, keepStateDir: boolean): Promise<TeardownReport> {
  const paths = labPaths(dir);
  const notes: string[] = [];
  const labd = await stopLabd(paths);

  const namespaces = await listLabNamespaces();
  const nsPids = (await mapLimit(namespaces, 8, async (ns) => (await run("ip", ["netns", "pids", ns])).stdout.split(/\s+/)))
    .flat()
    .filter((p) => /^\d+$/.test(p))
    .map(Number);
  // sshds whose namespace vanished still name their config under the state dir.
  const strays = findProcesses((argv) => /sshd/.test(argv[0] ?? "") && argv.some((a) => a.startsWith(`${dir}/`)));
  const pids = [...new Set([...nsPids, ...strays])];
  await terminate(pids);

  if (namespaces.length > 0) {
    await run("ip", ["-force", "-batch", "-"], { input: namespaces.map((n) => `netns del ${n}\n`).join(""), timeoutMs: 60_000 });
  }
  const links = await listLabLinks();
  const ordered = [...links.filter((l) => l !== BRIDGE), ...links.filter((l) => l === BRIDGE)];
  if (ordered.length > 0) {
    await run("ip", ["-force", "-batch", "-"], { input: ordered.map((l) => `link del ${l}\n`).join(""), timeoutMs: 60_000 });
  }
  const routes = JSON.parse((await run("ip", ["-j", "-4", "route", "show", "table", "main"])).stdout || "[]") as HostRoute[];
  if (routes.some((r) => r.type === "unreachable" && r.dst === LAB_CIDR)) await run("ip", ["route", "del", "unreachable", LAB_CIDR]);

  notes.push(...removeHostDirs());
  if (!keepStateDir && existsSync(dir)) {
    if (existsSync(paths.marker) || readdirSync(dir).length === 0) rmSync(dir, { recursive: true, force: true });
    else notes.push(`left ${dir} in place: it has no ${STATE_MARKER} marker, so the lab did not make it`);
  }
  return { namespaces: namespaces.length, processes: pids.length + labd.length, links: links.length, notes };
}
