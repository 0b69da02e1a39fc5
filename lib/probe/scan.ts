import type { PortRange } from "../common/ports";
import { BANNER_FLOOR_MS } from "../ssh/patience";
import { connectProbe } from "./connect";
import type { TaskLimiter } from "./limiter";
import type { PortProbe, ProbeResult } from "./types";
import type { PortCounts } from "../common/ports";

export interface ScanOptions {
  readonly timeoutMs: number;
  /** Shared across a run so many clients never open more sockets than this at once. */
  readonly sockets: TaskLimiter;
  readonly bannerMs?: number;
  readonly signal?: AbortSignal;
}

function count(ports: readonly PortProbe[]): PortCounts {
  const counts = { open: 0, closed: 0, filtered: 0 };
  for (const p of ports) counts[p.state]++;
  return counts;
}

async function sweep(address: string, ports: readonly number[], timeoutMs: number, options: ScanOptions): Promise<PortProbe[]> {
  // An open rerun port is a job's sshd: it forks before it speaks, like any sshd (lib/ssh/patience.ts).
  const bannerMs = options.bannerMs ?? BANNER_FLOOR_MS;
  return Promise.all(
    ports.map((port) =>
      options.sockets.run(() =>
        options.signal?.aborted
          ? Promise.resolve<PortProbe>({ port, state: "filtered", reason: "no-response", rttMs: 0 })
          : connectProbe(address, port, timeoutMs, bannerMs),
      ),
    ),
  );
}

/**
 * Connect-scans a port range. Filtered ports get one retry with half the timeout (a lost SYN on
 * a host that answers shows up fast), so a fully filtered range costs about 1.5 timeouts.
 */
export async function scanRange(address: string, range: PortRange, options: ScanOptions): Promise<ProbeResult> {
  const started = performance.now();
  const all = Array.from({ length: range.to - range.from + 1 }, (_, i) => range.from + i);
  const first = await sweep(address, all, options.timeoutMs, options);
  const retry = first.filter((p) => p.state === "filtered" && p.reason === "no-response").map((p) => p.port);
  const second = new Map((await sweep(address, retry, Math.max(100, options.timeoutMs / 2), options)).map((p) => [p.port, p]));
  const ports = first.map((p) => second.get(p.port) ?? p);
  return { address, ports, counts: count(ports), durationMs: Math.round(performance.now() - started) };
}
