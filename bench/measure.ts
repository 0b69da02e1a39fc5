import { spawn } from "node:child_process";
import { readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface Timed {
  readonly ms: number;
  readonly code: number;
  readonly stdout: string;
  /** Peak resident set of the command, from GNU time. */
  readonly maxRssKb: number;
  /** User + system CPU of the command and its children, from GNU time. */
  readonly cpuMs: number;
}

/** Runs a command under GNU time (argument array, no shell): wall time, peak RSS, CPU. */
export function timed(cmd: string, args: readonly string[], timeoutMs = 600_000, env: Record<string, string> = {}): Promise<Timed> {
  const rssFile = join(tmpdir(), `rd-bench-rss-${process.pid}-${Math.random().toString(36).slice(2)}`);
  return new Promise((resolve) => {
    const started = performance.now();
    const child = spawn("/usr/bin/time", ["-f", "%M %U %S", "-o", rssFile, cmd, ...args], {
      stdio: ["ignore", "pipe", "ignore"],
      env: { ...process.env, ...env },
    });
    const chunks: Buffer[] = [];
    child.stdout.on("data", (c: Buffer) => chunks.push(c));
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.on("close", (code) => {
      clearTimeout(timer);
      const ms = performance.now() - started;
      let fields: number[] = [];
      try {
        fields = (readFileSync(rssFile, "utf8").trim().split("\n").at(-1) ?? "").split(" ").map(Number);
      } catch {
        fields = [];
      }
      rmSync(rssFile, { force: true });
      const [maxRssKb = 0, user = 0, sys = 0] = fields.map((n) => (Number.isFinite(n) ? n : 0));
      resolve({ ms, code: code ?? 1, stdout: Buffer.concat(chunks).toString("utf8"), maxRssKb, cpuMs: (user + sys) * 1000 });
    });
  });
}

export interface Stats {
  readonly median: number;
  readonly min: number;
  readonly max: number;
}

export function stats(values: readonly number[]): Stats {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return { median, min: sorted[0]!, max: sorted.at(-1)! };
}

export const fmtS = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
export const fmtStats = (s: Stats) => `${fmtS(s.median)} (${fmtS(s.min)}–${fmtS(s.max)})`;

/** Busy CPU time of the whole machine so far (all cores), from /proc/stat. */
export function machineBusyMs(): number {
  const fields = readFileSync("/proc/stat", "utf8").split("\n")[0]!.trim().split(/\s+/).slice(1).map(Number);
  const [user = 0, nice = 0, system = 0, , , irq = 0, softirq = 0, steal = 0] = fields;
  return ((user + nice + system + irq + softirq + steal) * 1000) / 100; // USER_HZ is 100 on Linux
}
