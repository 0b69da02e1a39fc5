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
}

/** Runs a command under GNU time (argument array, no shell) and returns wall time and peak RSS. */
export function timed(cmd: string, args: readonly string[], timeoutMs = 600_000): Promise<Timed> {
  const rssFile = join(tmpdir(), `rd-bench-rss-${process.pid}-${Math.random().toString(36).slice(2)}`);
  return new Promise((resolve) => {
    const started = performance.now();
    const child = spawn("/usr/bin/time", ["-f", "%M", "-o", rssFile, cmd, ...args], { stdio: ["ignore", "pipe", "ignore"] });
    const chunks: Buffer[] = [];
    child.stdout.on("data", (c: Buffer) => chunks.push(c));
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.on("close", (code) => {
      clearTimeout(timer);
      const ms = performance.now() - started;
      let maxRssKb = 0;
      try {
        maxRssKb = Number(readFileSync(rssFile, "utf8").trim().split("\n").at(-1)) || 0;
      } catch {
        maxRssKb = 0;
      }
      rmSync(rssFile, { force: true });
      resolve({ ms, code: code ?? 1, stdout: Buffer.concat(chunks).toString("utf8"), maxRssKb });
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
