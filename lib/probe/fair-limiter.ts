import type { TaskLimiter } from "./limiter";

/** A lane's slots by callback, for hot loops that cannot afford a promise per slot (see pump). */
export interface SlotLane extends TaskLimiter {
  /** Calls `onSlot` once a slot is this lane's; its holder calls `release()` exactly once. */
  acquire(onSlot: () => void): void;
  release(): void;
}

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
  /** Slots handed over but not yet started: a trampoline, so handovers never nest on the stack. */
  private readonly granted: Array<() => void> = [];
  private granting = false;

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`capacity must be a positive integer, got ${capacity}`);
  }

  lane(key: string): SlotLane {
    return {
      run: (task) => this.run(key, task),
      acquire: (onSlot) => this.acquire(key, onSlot),
      release: () => this.release(),
    };
  }

  /** Slots in use, for tests and figures. */
  get inUse(): number {
    return this.active;
  }

  private acquire(key: string, onSlot: () => void): void {
    if (this.active >= this.capacity) return this.enqueue(key, onSlot);
    this.active++;
    this.grant(onSlot);
  }

  private async run<T>(key: string, task: () => Promise<T>): Promise<T> {
    await new Promise<void>((resolve) => this.acquire(key, resolve));
    try {
      return await task();
    } finally {
      this.release();
    }
  }

  private enqueue(key: string, onSlot: () => void): void {
    const queue = this.queues.get(key);
    if (queue) return void queue.push(onSlot);
    this.queues.set(key, [onSlot]);
    this.turn.push(key);
  }

  private release(): void {
    const key = this.turn.shift();
    if (key === undefined) return void this.active--;
    const queue = this.queues.get(key)!;
    const next = queue.shift()!;
    if (queue.length > 0) this.turn.push(key);
    else this.queues.delete(key);
    this.grant(next); // the slot passes straight to the next lane's waiter
  }

  private grant(onSlot: () => void): void {
    this.granted.push(onSlot);
    if (this.granting) return;
    this.granting = true;
    try {
      for (let next = this.granted.shift(); next; next = this.granted.shift()) next();
    } finally {
      this.granting = false;
    }
  }
}
