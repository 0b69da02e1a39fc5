import { countStates, type PortRange } from "../common/ports";
import type { ForwardResult } from "../ssh/types";
import type { Limiter } from "./limiter";
import { RttEstimator } from "./rtt";
import { retryPlan, sweep, unanswered } from "./sweep";
import type { PathProbe, PathScan } from "./via-types";

/** The one thing a probe needs of an SSH session (SshSession has it). */
export interface ForwardProber {
  forwardOut(host: string, port: number, timeoutMs: number): Promise<ForwardResult>;
}

/** Channel opens queued at once through one session; the session's own limiter bounds those in flight. */
const MAX_CHANNELS_IN_FLIGHT = 256;

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

/**
 * Probes ports of `address` through a remote sshd's direct-tcpip channels, as scanRange does from
 * here: timeouts from the answers, one retry for what got none. A session that drops ends the scan
 * (`lost`), and a cancelled one rejects: ports not probed are never reported.
 */
export async function scanViaSession(
  prober: ForwardProber,
  address: string,
  ports: readonly number[],
  opts: ViaSessionOptions,
  rangeSize = ports.length,
): Promise<PathScan> {
  const started = performance.now();
  const rtt = new RttEstimator(opts.timeoutMs, null);
  const observed = new Map<number, PathProbe>();
  let lost: string | null = null;
  const stop = new AbortController();
  const signal = opts.signal ? AbortSignal.any([opts.signal, stop.signal]) : stop.signal;
  const probeOnce = (backoff: number) => async (port: number) => {
    try {
      const result = await prober.forwardOut(address, port, Math.min(opts.timeoutMs, rtt.timeoutMs() * backoff));
      if (!unanswered(result)) rtt.observe(result.rttMs);
      observed.set(port, { port, state: result.state, reason: result.reason, rttMs: result.rttMs });
    } catch (error) {
      lost ??= error instanceof Error ? error.message : String(error);
      stop.abort();
    }
  };
  await sweep(ports, probeOnce(1), opts.channels, MAX_CHANNELS_IN_FLIGHT, signal);
  const silent = [...observed.values()].filter(unanswered).map((p) => p.port);
  const plan = retryPlan(silent, rtt.answers > 0);
  await sweep(plan.first, probeOnce(2), opts.channels, MAX_CHANNELS_IN_FLIGHT, signal);
  if (plan.ifAnyAnswers.length > 0 && rtt.answers > 0)
    await sweep(plan.ifAnyAnswers, probeOnce(2), opts.channels, MAX_CHANNELS_IN_FLIGHT, signal);
  opts.signal?.throwIfAborted();
  const probes = ports.flatMap((port) => observed.get(port) ?? []);
  return { address, probes, counts: countStates(probes), rangeSize, durationMs: Math.round(performance.now() - started), lost };
}
