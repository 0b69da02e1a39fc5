import type { TaskLimiter } from "./limiter";

/**
 * A counting semaphore shared fairly: each lane (a client's scan) waits in its own queue, and a
 * freed slot goes to the next lane in turn. A client with a dropped range holds a slot per probe
 * until it times out; round robin keeps it from starving the clients that answer at once.
 */
export class FairLimiter {
  private active = 0;
  private readonly queues = new Map<string, Array<() => void>>();
  /** Lanes with waiters, in turn order. */
  private turn: string[] = [];

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`capacity must be a positive integer, got ${capacity}`);
  }

  lane(key: string): TaskLimiter {
    return { run: (task) => this.run(key, task) };
  }

  /** Slots in use, for tests and figures. */
  get inUse(): number {
    return this.active;
  }

  private async run<T>(key: string, task: () => Promise<T>): Promise<T> {
    if (this.active < this.capacity) this.active++;
    else await new Promise<void>((resolve) => this.enqueue(key, resolve));
    try {
      return await task();
    } finally {
      this.release();
    }
  }

  private enqueue(key: string, resolve: () => void): void {
    const queue = this.queues.get(key);
    if (queue) return void queue.push(resolve);
    this.queues.set(key, [resolve]);
    this.turn.push(key);
  }

  private release(): void {
    const key = this.turn.shift();
    if (key === undefined) return void this.active--;
    const queue = this.queues.get(key)!;
    const next = queue.shift()!;
    if (queue.length > 0) this.turn.push(key);
    else this.queues.delete(key);
    next(); // the slot passes straight to the next lane's waiter
  }
}
