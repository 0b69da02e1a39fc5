import type { PortRange } from "../common/ports";
import { BANNER_FLOOR_MS } from "../ssh/patience";
import { probePort } from "./connect";
import type { SlotLane } from "./fair-limiter";
import { PortLedger } from "./ledger";
import { pump } from "./pump";
import { RttEstimator } from "./rtt";
import { retryPlan, spreadOrder, unanswered } from "./sweep";
import type { PortProbe, ProbeResult } from "./types";

/** Probes in flight for one scan: bounded memory, whatever the range. */
export const MAX_IN_FLIGHT = 128;

export interface ScanOptions {
  /** The longest one probe waits (the ceiling); once the target answered, the scan waits less. */
  readonly timeoutMs: number;
  /** Socket slots: this scan's lane of the run's fair share. */
  readonly sockets: SlotLane;
  /** The TCP connect time to this host over SSH, the first estimate of its RTT. */
  readonly rttHintMs?: number | null;
  /** The run's nearest SSH connect time (FleetRtt): the first pass's pace while this host is silent. */
  readonly fleetRttHintMs?: number | null;
  readonly bannerMs?: number;
  /** Aborted work is never an observation: the scan rejects with the signal's reason. */
  readonly signal?: AbortSignal;
}

/**
 * Connect-scans a port range, nmap-style: the order covers the range evenly from the first
 * probes, timeouts follow the RTTs measured, and only what did not answer is probed again.
 * Rejects with LocalSocketError when this machine cannot open sockets: no port is then guessed.
 * `probe` is probePort; tests stand in a far host with it, as nothing here can delay a SYN-ACK.
 */
export async function scanRange(address: string, range: PortRange, options: ScanOptions, probe = probePort): Promise<ProbeResult> {
  const started = performance.now();
  const ledger = new PortLedger(range);
  const rtt = new RttEstimator(options.timeoutMs, options.rttHintMs ?? null, options.fleetRttHintMs ?? null);
  const initialTimeoutMs = rtt.timeoutMs();
  // An open rerun port is a job's sshd: it forks before it speaks, like any sshd (lib/ssh/patience.ts).
  const bannerMs = options.bannerMs ?? BANNER_FLOOR_MS;
  const open = new Map<number, PortProbe>();
  let probes = 0;
  const record = (answer: PortProbe): void => {
    probes++;
    if (!unanswered(answer)) rtt.observe(answer.rttMs);
    if (answer.state === "open") open.set(answer.port, answer);
    ledger.record(answer.port, answer);
  };
  const pass = (ports: Iterable<number>, timeoutMs: () => number): Promise<void> =>
    pump(
      ports,
      options.sockets,
      MAX_IN_FLIGHT,
      (port, done) => probe(address, port, Math.min(options.timeoutMs, timeoutMs()), bannerMs, done),
      record,
      options.signal,
    );
  const backedOff = () => 2 * rtt.timeoutMs();
  await pass(spreadOrder(range.from, range.to), () => rtt.timeoutMs());
  const hostAnswered = rtt.answers > 0;
  const plan = retryPlan(ledger.silent(), hostAnswered);
  // A silent host's sample waits as long as its own SSH connect says its path may need.
  const confirm = hostAnswered ? backedOff : () => Math.max(backedOff(), rtt.patientTimeoutMs());
  await pass(plan.first, confirm);
  if (plan.ifAnyAnswers.length > 0 && rtt.answers > 0) await pass(plan.ifAnyAnswers, backedOff);
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
