import { join } from "node:path";
import { Worker } from "node:worker_threads";
import { LocalSocketError } from "./connect";
import type { FairLimiter } from "./fair-limiter";
import { scanRange } from "./scan";
import type { FromScanThread, ScanRequest, ScanThreadData, ToScanThread } from "./scan-thread-protocol";
import type { ProbeResult } from "./types";

/** The probe thread did not carry a scan out (it died, could not start, or failed): nothing was observed. */
export class ProbeThreadError extends Error {}

export interface PoolScan extends ScanRequest {
  /** Aborted work is never an observation: the scan rejects with the signal's reason. */
  readonly signal?: AbortSignal;
}

interface Pending {
  resolve(result: ProbeResult): void;
  reject(error: Error): void;
}

/** The probe thread's heap: it holds only scans in flight (see pump.ts). */
const THREAD_LIMITS = { maxOldGenerationSizeMb: 64, maxYoungGenerationSizeMb: 16 };

/**
 * Scans on this thread and on one probe thread, each with half the sockets: a fleet's probes are
 * CPU (socket calls), and one thread alone bounds a large all-drop fleet's tail. A scan goes where
 * fewer are in flight; with `threadSockets` 0 (one core) every scan stays here. A thread that dies
 * or cannot start is not restarted: its scans run again here, and so do all later ones.
 */
export class ScanPool {
  private worker: Worker | null = null;
  private readonly pending = new Map<number, Pending>();
  private here = 0;
  private nextId = 1;
  private lost: string | null = null;
  /** Scans started on each side, for tests and figures. */
  readonly started = { here: 0, thread: 0 };

  constructor(
    private readonly local: FairLimiter,
    private readonly threadSockets: number,
    private readonly bootstrap = join(__dirname, "scan-thread-bootstrap.cjs"),
  ) {}

  scan(request: PoolScan): Promise<ProbeResult> {
    if (this.threadSockets === 0 || this.lost !== null || this.pending.size >= this.here) return this.scanHere(request);
    // What the thread lost was never observed: probing again here is safe.
    return this.scanThere(request).catch((error: unknown) => {
      if (!(error instanceof ProbeThreadError) || request.signal?.aborted) throw error;
      return this.scanHere(request);
    });
  }

  /** Why the probe thread stopped, if it did. */
  get threadLost(): string | null {
    return this.lost;
  }

  private async scanHere({ address, range, lane, signal, ...timing }: PoolScan): Promise<ProbeResult> {
    this.here++;
    this.started.here++;
    try {
      return await scanRange(address, range, { ...timing, sockets: this.local.lane(lane), signal });
    } finally {
      this.here--;
    }
  }

  private scanThere({ signal, ...request }: PoolScan): Promise<ProbeResult> {
    return new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const worker = this.thread();
      const id = this.nextId++;
      this.started.thread++;
      const onAbort = (): void => {
        worker.postMessage({ type: "cancel", id } satisfies ToScanThread);
        settled(() => reject(signal?.reason));
      };
      const settled = (then: () => void): void => {
        if (!this.pending.delete(id)) return;
        signal?.removeEventListener("abort", onAbort);
        if (this.pending.size === 0) worker.unref();
        then();
      };
      this.pending.set(id, { resolve: (r) => settled(() => resolve(r)), reject: (e) => settled(() => reject(e)) });
      signal?.addEventListener("abort", onAbort, { once: true });
      // A scan in flight keeps the process alive, as a socket of this thread would.
      worker.ref();
      worker.postMessage({ type: "scan", id, request } satisfies ToScanThread);
    });
  }

  private thread(): Worker {
    if (this.worker) return this.worker;
    const data: ScanThreadData = { sockets: this.threadSockets };
    const worker = new Worker(this.bootstrap, { workerData: data, resourceLimits: THREAD_LIMITS });
    worker.on("message", (message: FromScanThread) => {
      const pending = this.pending.get(message.id);
      if (message.type === "result") return pending?.resolve(message.result);
      pending?.reject(message.localCode === null ? new ProbeThreadError(message.message) : new LocalSocketError(message.localCode));
    });
    // Never restarted: a thread that failed once may fail again, and here works.
    const lost = (why: string): void => {
      this.worker = null;
      this.lost ??= why;
      const error = new ProbeThreadError(`the probe thread stopped: ${why}`);
      for (const p of [...this.pending.values()]) p.reject(error);
    };
    worker.on("error", (error) => lost(error.message.slice(0, 200)));
    worker.on("exit", (code) => lost(`exit code ${code}`));
    worker.unref();
    this.worker = worker;
    return worker;
  }
}
