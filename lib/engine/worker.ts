// The engine's thread in the web server: runs come in, client reports go out. Plain Node, no Next.
import { parentPort } from "node:worker_threads";
import { loadInventory } from "../inventory/load";
import { planRun, runDiagnosis } from "./run-diagnosis";
import type { FromEngine, ToEngine } from "./worker-protocol";

const port = parentPort;
if (!port) throw new Error("lib/engine/worker.ts runs only as a worker thread");
const active = new Map<string, AbortController>();
const post = (message: FromEngine): void => port.postMessage(message);

async function execute(start: Extract<ToEngine, { type: "start" }>, controller: AbortController): Promise<void> {
  const { id } = start;
  const inventory = loadInventory(start.inventoryFile);
  const plan = await planRun(inventory, controller.signal);
  post({ type: "plan", id, total: plan.targets.length, nomad: plan.nomad, positions: plan.targets.map((t) => t.name) });
  const report = await runDiagnosis(inventory, {
    runId: id,
    plan,
    signal: controller.signal,
    learnedUsers: start.learnedUsers ?? [],
    onClient: (client) => post({ type: "client", id, client }),
  });
  if (controller.signal.aborted) post({ type: "ended", id, cancelled: true, message: null });
  else post({ type: "done", id, report });
}

port.on("message", (message: ToEngine) => {
  if (message.type === "cancel") return void active.get(message.id)?.abort();
  const controller = new AbortController();
  active.set(message.id, controller);
  execute(message, controller)
    .catch((error: unknown) => {
      const text = error instanceof Error ? error.message.slice(0, 300) : "unknown error";
      post({ type: "ended", id: message.id, cancelled: controller.signal.aborted, message: controller.signal.aborted ? null : text });
    })
    .finally(() => active.delete(message.id));
});
