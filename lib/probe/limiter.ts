/** Anything that runs a task when there is room for it. */
export interface TaskLimiter {
  run<T>(task: () => Promise<T>): Promise<T>;
}

/** A task must get room in both: a run's own bound inside the process-wide one. */
export function within(inner: TaskLimiter, outer: TaskLimiter): TaskLimiter {
  return { run: (task) => inner.run(() => outer.run(task)) };
}

/** A counting semaphore: bounds sockets (or sessions) in flight. */
export class Limiter implements TaskLimiter {
  private active = 0;
  // A queue with a moving head: Array#shift is O(n), and a run can queue 100,000 probes.
  private waiting: Array<() => void> = [];
  private head = 0;

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`capacity must be a positive integer, got ${capacity}`);
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.active >= this.capacity) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.active++;
    try {
      return await task();
    } finally {
      this.release();
    }
  }

  private release(): void {
    if (this.head === this.waiting.length) {
      this.active--;
      return;
    }
    const next = this.waiting[this.head]!;
    this.waiting[this.head++] = undefined as unknown as () => void;
    if (this.head > 1024 && this.head * 2 > this.waiting.length) {
      this.waiting = this.waiting.slice(this.head);
      this.head = 0;
    }
    next();
  }
}
