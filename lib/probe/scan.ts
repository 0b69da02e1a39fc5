import type { PortRange } from "../common/ports";
import { BANNER_FLOOR_MS } from "../ssh/patience";
import { probePort } from "./connect";
import type { SlotLane } from "./fair-limiter";
import { PortLedger } from "./ledger";
import { pump } from "./pump";
import { RttEstimator } from "./rtt";
import { SILENT_HOST_RETRIES, spreadOrder, unanswered } from "./sweep";
import type { PortProbe, ProbeResult } from "./types";

/** Probes in flight for one scan (plus its patient sample): bounded memory, whatever the range. */
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
  // Two pumps run at once below: when one fails, the other stops launching too.
  const stop = new AbortController();
  const onAbort = () => stop.abort(options.signal?.reason);
  if (options.signal?.aborted) onAbort();
  else options.signal?.addEventListener("abort", onAbort, { once: true });
  const pass = (ports: Iterable<number>, timeoutMs: (port: number) => number, maxInFlight = MAX_IN_FLIGHT): Promise<void> =>
    pump(
      ports,
      options.sockets,
      maxInFlight,
      (port, done) => probe(address, port, Math.min(options.timeoutMs, timeoutMs(port)), bannerMs, done),
      record,
      stop.signal,
    ).catch((error: unknown) => {
      stop.abort(error);
      throw error;
    });
  const retried = new Set<number>();
  const retry = (ports: readonly number[]): Promise<void> => {
    for (const port of ports) retried.add(port);
    return pass(ports, () => 2 * rtt.timeoutMs());
  };
  // The ports that wait this host's own patience lead, beside the first pass rather than after it.
  // On a silent host they are its confirmation, probed again while the first pass goes on: its scan
  // lasts the longest of the waits, not their sum.
  const order = spreadOrder(range.from, range.to);
  const sample = Array.from({ length: SILENT_HOST_RETRIES }, () => order.next()).flatMap((s) => (s.done ? [] : [s.value]));
  const sampleThenConfirm = async (): Promise<void> => {
    await pass(sample, () => Math.max(rtt.timeoutMs(), rtt.patientTimeoutMs()), sample.length);
    if (rtt.answers === 0) await retry(ledger.silentOf(sample));
  };
  try {
    await Promise.all([sampleThenConfirm(), pass(order, () => rtt.timeoutMs())]);
    // Anything answered: the silence elsewhere may be lost SYNs, so every silent port gets its retry.
    if (rtt.answers > 0) await retry(ledger.silent().filter((port) => !retried.has(port)));
  } finally {
    options.signal?.removeEventListener("abort", onAbort);
  }
  options.signal?.throwIfAborted();
  return {
    address,
    range,
    runs: ledger.runs(),
    counts: ledger.counts(),
    open: [...open.values()].sort((a, b) => a.port - b.port),
    durationMs: Math.round(performance.now() - started),
    timing: { initialTimeoutMs, finalTimeoutMs: rtt.timeoutMs(), smoothedRttMs: rtt.smoothedMs, probes, retried: retried.size },
  };
}
