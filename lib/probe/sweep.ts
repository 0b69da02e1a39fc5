import type { PortReason, PortState } from "../common/ports";
import type { TaskLimiter } from "./limiter";

export interface Answer {
  readonly state: PortState;
  readonly reason: PortReason;
  readonly rttMs: number;
  readonly banner?: string;
}

/** Nothing came back: the one outcome worth a second probe. */
export const unanswered = (a: Answer): boolean => a.state === "filtered" && a.reason === "no-response";

/** How many ports of a host that answered nothing are probed again before the silence is believed. */
export const SILENT_HOST_RETRIES = 32;

/**
 * Probes `ports` as they come, at most `maxInFlight` at once, each through `slots`: only the probes
 * in flight exist, never a promise per port. Workers pull from one iterator; Promise.race over the
 * in-flight set would leave a reaction on every pending probe per launch (1.2 M at 50 clients).
 */
export async function sweep(
  ports: Iterable<number>,
  probe: (port: number) => Promise<void>,
  slots: TaskLimiter,
  maxInFlight: number,
  signal?: AbortSignal,
): Promise<void> {
  const iterator = ports[Symbol.iterator]();
  let failed = false;
  const next = (): number | undefined => {
    if (signal?.aborted || failed) return undefined;
    const step = iterator.next();
    return step.done ? undefined : step.value;
  };
  const worker = async (): Promise<void> => {
    try {
      for (let port = next(); port !== undefined; port = next()) {
        const current = port;
        await slots.run(() => (signal?.aborted ? Promise.resolve() : probe(current)));
      }
    } catch (error) {
      failed = true; // the other workers stop at their next port
      throw error;
    }
  };
  await Promise.all(Array.from({ length: maxInFlight }, worker));
}

/**
 * Which unanswered ports get their one retry: all of them when the host answered elsewhere (a lost
 * SYN looks the same), else a spread sample first; the rest only when a sample then answers.
 */
export function retryPlan(silent: readonly number[], hostAnswered: boolean): { first: number[]; ifAnyAnswers: number[] } {
  if (hostAnswered || silent.length <= SILENT_HOST_RETRIES) return { first: [...silent], ifAnyAnswers: [] };
  const step = silent.length / SILENT_HOST_RETRIES;
  const picked = new Set(Array.from({ length: SILENT_HOST_RETRIES }, (_, i) => Math.floor(i * step)));
  return { first: silent.filter((_, i) => picked.has(i)), ifAnyAnswers: silent.filter((_, i) => !picked.has(i)) };
}

/** The range in an order that covers it evenly from the start: every 32nd port, then the gaps. */
export function* spreadOrder(from: number, to: number, stride = 32): Generator<number> {
  for (let offset = 0; offset < stride; offset++) for (let port = from + offset; port <= to; port += stride) yield port;
}
