import { readFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { FairLimiter } from "../probe/fair-limiter";
import { Limiter } from "../probe/limiter";
import { ScanPool } from "../probe/scan-pool";

/** Probe sockets in flight at most: ~40k probes a second at the 100 ms timeout floor. */
export const MAX_PROBE_SOCKETS = 4096;

/**
 * Half the open-files limit (Node raises the soft one to the hard one at start), at most
 * MAX_PROBE_SOCKETS: the rest is for SSH sessions, the store and the server's own connections.
 */
export function probeSocketBudget(limitsText: string | null): number {
  const line = limitsText?.split("\n").find((l) => l.startsWith("Max open files"));
  const soft = line ? Number(line.slice("Max open files".length).trim().split(/\s+/)[0]) : Number.NaN;
  if (!Number.isFinite(soft)) return MAX_PROBE_SOCKETS; // "unlimited", or not Linux
  return Math.max(16, Math.min(MAX_PROBE_SOCKETS, Math.floor(soft / 2)));
}

function readLimits(): string | null {
  try {
    return readFileSync("/proc/self/limits", "utf8");
  } catch {
    return null;
  }
}

const SOCKETS = probeSocketBudget(readLimits());
/** A second core gets a probe thread and half the sockets (lib/probe/scan-pool.ts). */
const THREAD_SOCKETS = availableParallelism() > 1 ? Math.floor(SOCKETS / 2) : 0;

/**
 * File descriptors and CPU belong to the process, not to a run: ten runs at once share these,
 * so they queue instead of failing with EMFILE or starving each other's SSH handshakes. Probe
 * sockets go round robin by client, so no client's dropped range holds up another's answers.
 */
export const PROCESS_SOCKETS = new FairLimiter(SOCKETS - THREAD_SOCKETS);
export const PROCESS_SCANS = new ScanPool(PROCESS_SOCKETS, THREAD_SOCKETS);
export const PROCESS_SESSIONS = new Limiter(48);
