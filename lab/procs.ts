import { readdirSync, readFileSync } from "node:fs";
import { sleep } from "./exec";

/** Argument vector of a live process, or null when it is gone or unreadable. */
export function cmdline(pid: number): string[] | null {
  try {
    const raw = readFileSync(`/proc/${pid}/cmdline`, "utf8");
    return raw ? raw.split("\0").filter((a, i, all) => a !== "" || i < all.length - 1) : null;
  } catch {
    return null;
  }
}

export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return cmdline(pid) !== null;
  } catch {
    return false;
  }
}

/** Pids whose argument vector matches `test` (this process excluded). */
export function findProcesses(test: (argv: string[]) => boolean): number[] {
  const out: number[] = [];
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    const pid = Number(name);
    if (pid === process.pid) continue;
    const argv = cmdline(pid);
    if (argv && test(argv)) out.push(pid);
  }
  return out;
}

/** The lab daemon, recognised by its script path (works without the state dir). */
export const isLabd = (argv: string[]): boolean =>
  argv.some((a) => a.endsWith("/lab/labd.py") || a === "lab/labd.py") && argv.includes("--manifest");

/** SIGTERM, then SIGKILL whatever still lives after `graceMs`. */
export async function terminate(pids: readonly number[], graceMs = 2_000): Promise<void> {
  const targets = pids.filter((p) => Number.isInteger(p) && p > 1 && p !== process.pid);
  for (const p of targets) trySignal(p, "SIGTERM");
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline && targets.some(alive)) await sleep(50);
  for (const p of targets) if (alive(p)) trySignal(p, "SIGKILL");
  const hardDeadline = Date.now() + 2_000;
  while (Date.now() < hardDeadline && targets.some(alive)) await sleep(50);
}

function trySignal(pid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(pid, sig);
  } catch {
    // already gone
  }
}
