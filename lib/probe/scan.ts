import { setTimeout as sleep } from "node:timers/promises";
import type { PortRange } from "../common/ports";
import { BANNER_FLOOR_MS } from "../ssh/patience";
import { connectProbe, LocalSocketError } from "./connect";
import { PortLedger } from "./ledger";
import type { TaskLimiter } from "./limiter";
import { RttEstimator } from "./rtt";
import { retryPlan, spreadOrder, sweep, unanswered } from "./sweep";
import type { PortProbe, ProbeResult } from "./types";

/** Probes in flight for one scan: bounded memory, whatever the range. */
export const MAX_IN_FLIGHT = 128;

/** A local socket shortage (EMFILE...) delays a probe, at most this often, and never answers it. */
export const LOCAL_RETRIES = 6;
const LOCAL_BACKOFF_MS = 20;

async function withLocalRetry<T>(attempt: () => Promise<T>, signal?: AbortSignal): Promise<T> {
  for (let retry = 0; ; retry++) {
    try {
      return await attempt();
    } catch (error) {
      if (!(error instanceof LocalSocketError) || retry >= LOCAL_RETRIES) throw error;
      await sleep(LOCAL_BACKOFF_MS * 2 ** retry, undefined, signal ? { signal } : undefined);
    }
  }
}

export interface ScanOptions {
  /** The longest one probe waits (the ceiling); once the target answered, the scan waits less. */
  readonly timeoutMs: number;
  /** Socket slots: this scan's lane of the run's fair share. */
  readonly sockets: TaskLimiter;
  /** The TCP connect time to this host over SSH, the first estimate of its RTT. */
  readonly rttHintMs?: number | null;
  /** The run's typical SSH connect time (FleetRtt): the first pass's pace while this host is silent. */
  readonly fleetRttHintMs?: number | null;
  readonly bannerMs?: number;
  /** Aborted work is never an observation: the scan rejects with the signal's reason. */
  readonly signal?: AbortSignal;
}

/**
 * Connect-scans a port range, nmap-style: the order covers the range evenly from the first
 * probes, timeouts follow the RTTs measured, and only what did not answer is probed again.
 * Rejects with LocalSocketError when this machine cannot open sockets: no port is then guessed.
 */
export async function scanRange(address: string, range: PortRange, options: ScanOptions): Promise<ProbeResult> {
  const started = performance.now();
  const ledger = new PortLedger(range);
  const rtt = new RttEstimator(options.timeoutMs, options.rttHintMs ?? null, options.fleetRttHintMs ?? null);
  const initialTimeoutMs = rtt.timeoutMs();
  // An open rerun port is a job's sshd: it forks before it speaks, like any sshd (lib/ssh/patience.ts).
  const bannerMs = options.bannerMs ?? BANNER_FLOOR_MS;
  const open = new Map<number, PortProbe>();
  let probes = 0;
  const probeOnce = (timeoutMs: () => number) => async (port: number) => {
    probes++;
    const answer = await withLocalRetry(
      () => connectProbe(address, port, Math.min(options.timeoutMs, timeoutMs()), bannerMs),
      options.signal,
    );
    if (!unanswered(answer)) rtt.observe(answer.rttMs);
    if (answer.state === "open") open.set(port, answer);
    ledger.record(port, answer);
  };
  const backedOff = () => 2 * rtt.timeoutMs();
  await sweep(
    spreadOrder(range.from, range.to),
    probeOnce(() => rtt.timeoutMs()),
    options.sockets,
    MAX_IN_FLIGHT,
    options.signal,
  );
  const hostAnswered = rtt.answers > 0;
  const plan = retryPlan(ledger.silent(), hostAnswered);
  // A silent host's sample waits as long as its own SSH connect says its path may need.
  const confirm = hostAnswered ? backedOff : () => Math.max(backedOff(), rtt.patientTimeoutMs());
  await sweep(plan.first, probeOnce(confirm), options.sockets, MAX_IN_FLIGHT, options.signal);
  if (plan.ifAnyAnswers.length > 0 && rtt.answers > 0)
    await sweep(plan.ifAnyAnswers, probeOnce(backedOff), options.sockets, MAX_IN_FLIGHT, options.signal);
  options.signal?.throwIfAborted();
  const retried = plan.first.length + (rtt.answers > 0 ? plan.ifAnyAnswers.length : 0);
  return {
    address,
    range,
    runs: ledger.runs(),
    counts: ledger.counts(),
    open: [...open.values()].sort((a, b) => a.port - b.port),
    durationMs: Math.round(performance.now() - started),
    timing: { initialTimeoutMs, finalTimeoutMs: rtt.timeoutMs(), smoothedRttMs: rtt.smoothedMs, probes, retried },
  };
}
