import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { readManifest, type LabManifest } from "../lab";
import type { EngineRunOutput } from "./engine-run";
import { machineBusyMs, timed } from "./measure";

const ROOT = join(__dirname, "..");
export const ALL_DROP = "sg-drops-rerun-range";

/** (1) every scenario plus `extra` healthy clients; (2) one scenario's copies filling the lab. */
export function labUp(extra: number, like?: string): LabManifest {
  const args = ["tsx", "lab/cli.ts", "up", "--clients", String(extra)];
  if (like) args.push("--scenario", like, "--extras-like", like);
  execFileSync("npx", args, { cwd: ROOT, stdio: ["ignore", "ignore", "inherit"] });
  return readManifest();
}

/** The lab down again, failed run or not: a benchmark leaves no namespace behind. */
export function labDown(): void {
  execFileSync("npx", ["tsx", "lab/cli.ts", "down"], { cwd: ROOT, stdio: ["ignore", "ignore", "inherit"] });
}

export interface DoctorRun {
  readonly ms: number;
  readonly rssMb: number;
  /** rerun-doctor's own CPU (start-up included) and the whole machine's over the same wall time. */
  readonly cpuMs: number;
  readonly machineMs: number;
}

export async function doctorOnce(lab: LabManifest): Promise<DoctorRun> {
  const busy0 = machineBusyMs();
  const r = await timed(join(ROOT, "bin", "rerun-doctor"), ["check", "--inventory", lab.inventoryFile, "--format", "json"]);
  const machineMs = machineBusyMs() - busy0;
  const report = JSON.parse(r.stdout) as { clients: unknown[] };
  if (r.code !== 1 || report.clients.length !== lab.clients.length)
    throw new Error(`rerun-doctor check: exit ${r.code}, ${report.clients.length} clients`);
  return { ms: r.ms, rssMb: r.maxRssKb / 1024, cpuMs: r.cpuMs, machineMs };
}

/** The engine thread's heap limits in the dashboard (lib/server/engine.ts), as flags for a process. */
const ENGINE_HEAP_FLAGS = "--max-old-space-size=160 --max-semi-space-size=8";

/** `runs` runs at once in one process (bench/engine-run.ts), heap-limited as the dashboard's engine thread, with its peak RSS. */
export async function engineRun(lab: LabManifest, runs: number): Promise<EngineRunOutput & { rssMb: number }> {
  const args = [join(ROOT, "bench", "engine-run.ts"), lab.inventoryFile, String(runs)];
  const r = await timed(join(ROOT, "node_modules", ".bin", "tsx"), args, undefined, { NODE_OPTIONS: ENGINE_HEAP_FLAGS });
  if (r.code !== 0) throw new Error(`engine-run exited ${r.code}`);
  const out = JSON.parse(r.stdout) as EngineRunOutput;
  if (out.clients !== lab.clients.length) throw new Error(`engine-run saw ${out.clients} of ${lab.clients.length} clients`);
  return { ...out, rssMb: r.maxRssKb / 1024 };
}
