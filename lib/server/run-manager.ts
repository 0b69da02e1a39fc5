import "server-only";
import { randomUUID } from "node:crypto";
import { AppError } from "../errors/app-error";
import { loadInventory } from "../inventory";
import type { Inventory } from "../inventory/types";
import { planRun, runDiagnosis } from "../runs";
import type { RunOrigin } from "../store";
import { serverConfig } from "./config";
import { store } from "./store";

const KEY = Symbol.for("rerun-doctor.active-runs");
type Holder = { [KEY]?: Map<string, AbortController> };
const MAX_ACTIVE_RUNS = 10;

function active(): Map<string, AbortController> {
  const holder = globalThis as Holder;
  return (holder[KEY] ??= new Map());
}

/** Starts a run in the background; each client is stored as it finishes. */
export function startRun(origin: RunOrigin): { id: string } {
  const file = serverConfig().inventoryFile;
  if (!file) throw new AppError("unavailable", "no inventory: set RERUN_DOCTOR_INVENTORY to a fleet file");
  if (active().size >= MAX_ACTIVE_RUNS) throw new AppError("rate_limited", `${MAX_ACTIVE_RUNS} runs are already in progress`);
  const inventory = loadInventory(file);
  const id = randomUUID();
  const { runs } = store();
  runs.create({
    id,
    startedAt: new Date().toISOString(),
    origin,
    totalClients: inventory.clients.length,
    context: { serverVersion: inventory.server.version, rerunPorts: inventory.rerun.ports },
  });
  const controller = new AbortController();
  active().set(id, controller);
  execute(id, inventory, controller)
    .catch((error: unknown) => {
      // A cancelled run ends with the abort's rejection: that is no failure worth a log line.
      if (!controller.signal.aborted) console.error(`rerun-doctor: run ${id} failed: ${error instanceof Error ? error.message.slice(0, 300) : "unknown error"}`);
      runs.interrupt(id, new Date().toISOString());
    })
    .finally(() => active().delete(id));
  return { id };
}

/** Discovery first (Nomad may add clients), then the run; each client is stored as it finishes. */
async function execute(id: string, inventory: Inventory, controller: AbortController): Promise<void> {
  const { runs } = store();
  const plan = await planRun(inventory, controller.signal);
  runs.setPlan(id, plan.targets.length, { nomad: plan.nomad });
  const positions = new Map(plan.targets.map((c, i) => [c.name, i]));
  const report = await runDiagnosis(inventory, { runId: id, plan, signal: controller.signal, onClient: (client) => runs.saveClient(id, positions.get(client.name) ?? 0, client) });
  if (controller.signal.aborted) runs.interrupt(id, new Date().toISOString());
  else runs.finish(report, positions);
}

/** Cancels a running run: clients already finished stay, the run ends 'interrupted'. */
export function cancelRun(id: string): void {
  const controller = active().get(id);
  if (!controller) throw new AppError("not_found", `no running run ${id}`);
  controller.abort();
}
