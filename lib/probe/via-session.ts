import type { PortRange } from "../common/ports";
import type { ForwardResult } from "../ssh/types";
import type { Limiter } from "./limiter";
import type { PathProbe, PathScan } from "./via-types";

/** The one thing a probe needs of an SSH session (SshSession has it). */
export interface ForwardProber {
  forwardOut(host: string, port: number, timeoutMs: number): Promise<ForwardResult>;
}

export interface ViaSessionOptions {
  readonly timeoutMs: number;
  /** Channels in flight through this one session (per vantage or per client). */
  readonly channels: Limiter;
  readonly signal?: AbortSignal;
}

/** At most `max` ports spread evenly over the range, both ends included. */
export function spreadPorts(range: PortRange, max: number): number[] {
  const size = range.to - range.from + 1;
  if (size <= max) return Array.from({ length: size }, (_, i) => range.from + i);
  if (max <= 1) return [range.from];
  return Array.from({ length: max }, (_, i) => range.from + Math.round((i * (size - 1)) / (max - 1)));
}

async function sweep(
  prober: ForwardProber,
  address: string,
  ports: readonly number[],
  timeoutMs: number,
  opts: ViaSessionOptions,
  lost: { reason: string | null },
): Promise<PathProbe[]> {
  const unknown = (port: number): PathProbe => ({ port, state: "filtered", reason: "no-response", rttMs: 0 });
  return Promise.all(
    ports.map((port) =>
      opts.channels.run(async () => {
        if (lost.reason !== null || opts.signal?.aborted) return unknown(port);
        try {
          const result = await prober.forwardOut(address, port, timeoutMs);
          return { port, state: result.state, reason: result.reason, rttMs: result.rttMs };
        } catch (error) {
          lost.reason ??= error instanceof Error ? error.message : String(error);
          return unknown(port);
        }
      }),
    ),
  );
}

/**
 * Probes ports of `address` through a remote sshd's direct-tcpip channels, like scanRange does
 * from here: a port that got no answer is retried once with half the timeout.
 */
export async function scanViaSession(
  prober: ForwardProber,
  address: string,
  ports: readonly number[],
  opts: ViaSessionOptions,
  rangeSize = ports.length,
): Promise<PathScan> {
  const started = performance.now();
  const lost = { reason: null as string | null };
  const first = await sweep(prober, address, ports, opts.timeoutMs, opts, lost);
  const retry = first.filter((p) => p.state === "filtered" && p.reason === "no-response").map((p) => p.port);
  const second = new Map((await sweep(prober, address, retry, Math.max(100, opts.timeoutMs / 2), opts, lost)).map((p) => [p.port, p]));
  const probes = first.map((p) => second.get(p.port) ?? p);
  const counts = { open: 0, closed: 0, filtered: 0 };
  for (const probe of probes) counts[probe.state]++;
  return { address, probes, counts, rangeSize, durationMs: Math.round(performance.now() - started), lost: lost.reason };
}
