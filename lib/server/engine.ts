import "server-only";
import { join } from "node:path";
import { Worker } from "node:worker_threads";
import type { FromEngine, ToEngine } from "../engine/worker-protocol";

const KEY = Symbol.for("rerun-doctor.engine");
type Holder = { [KEY]?: Worker };

/** Where the engine's bootstrap lives: the app is started from the repository's root (npm start). */
function bootstrapPath(): string {
  return join(/*turbopackIgnore: true*/ process.cwd(), "lib", "engine", "worker-bootstrap.cjs");
}

/**
 * V8 sizes a heap from the machine's RAM and lets garbage pile up toward it; the engine's live data
 * is bounded (sockets, sessions, port runs), so a bound keeps the thread's memory near what it uses.
 */
const ENGINE_LIMITS = { maxOldGenerationSizeMb: 160, maxYoungGenerationSizeMb: 16 };

/**
 * The one engine thread of this server, started on first use. When it dies (it should not), every
 * run it held gets `onExit`, and the next run starts a fresh one.
 */
export function engine(onMessage: (message: FromEngine) => void, onExit: (reason: string) => void): { send(message: ToEngine): void } {
  const holder = globalThis as Holder;
  if (!holder[KEY]) {
    const worker = new Worker(/*turbopackIgnore: true*/ bootstrapPath(), { resourceLimits: ENGINE_LIMITS });
    worker.on("message", onMessage);
    worker.on("error", (error) => console.error(`rerun-doctor: engine thread failed: ${error.message.slice(0, 300)}`));
    worker.on("exit", (code) => {
      if (holder[KEY] === worker) delete holder[KEY];
      onExit(`the engine thread exited (code ${code})`);
    });
    worker.unref();
    holder[KEY] = worker;
  }
  const worker = holder[KEY];
  return { send: (message) => worker.postMessage(message) };
}
