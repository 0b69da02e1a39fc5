import { LocalSocketError, type ProbeDone } from "./connect";
import type { SlotLane } from "./fair-limiter";
import type { PortProbe } from "./types";

/** A local socket shortage (EMFILE...) delays a probe, at most this often, and never answers it. */
export const LOCAL_RETRIES = 6;
const LOCAL_BACKOFF_MS = 20;

export type Probe = (port: number, done: ProbeDone) => void;

/**
 * One pass over `ports`: at most `maxInFlight` probes at once, each in a slot of `lane`, each
 * answer handed to `onAnswer`. Callbacks, not a promise chain per port: in a run of 125,000 probes
 * those chains and their garbage cost more CPU than the sockets. Only the ports in flight exist.
 * Resolves when every probe it started is done; rejects with LocalSocketError when a port's
 * retries ran out. Aborted, it starts nothing more and hands over no answer.
 */
export function pump(
  ports: Iterable<number>,
  lane: SlotLane,
  maxInFlight: number,
  probe: Probe,
  onAnswer: (answer: PortProbe) => void,
  signal?: AbortSignal,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const iterator = ports[Symbol.iterator]();
    let pending = 0;
    let exhausted = false;
    let failure: LocalSocketError | null = null;
    let launching = false;
    const stopped = (): boolean => failure !== null || signal?.aborted === true;

    const finish = (): void => {
      pending--;
      lane.release();
      launch();
    };
    const attempt = (port: number, retry: number): void => {
      if (stopped()) return finish();
      probe(port, (answer) => {
        if (!(answer instanceof LocalSocketError)) {
          if (!signal?.aborted) onAnswer(answer);
          return finish();
        }
        if (retry < LOCAL_RETRIES) return void setTimeout(attempt, LOCAL_BACKOFF_MS * 2 ** retry, port, retry + 1);
        failure ??= answer;
        finish();
      });
    };
    // Re-entrant calls (a probe that completes at once) leave the loop to the outer call.
    const launch = (): void => {
      if (launching) return;
      launching = true;
      while (pending < maxInFlight && !exhausted && !stopped()) {
        const step = iterator.next();
        if (step.done) exhausted = true;
        else {
          pending++;
          const port = step.value;
          lane.acquire(() => attempt(port, 0));
        }
      }
      launching = false;
      if (pending > 0 || !(exhausted || stopped())) return;
      if (failure) reject(failure);
      else resolve();
    };
    launch();
  });
}
