import "server-only";
import { randomUUID } from "node:crypto";
import { AppError } from "../common/app-error";
import { loadInventory } from "../inventory/load";
import type { FromEngine } from "../engine/worker-protocol";
import type { RunOrigin, RunTrigger } from "../store/runs-repo";
import { serverConfig } from "./config";
import { engine } from "./engine";
import { dbHandle } from "./db-handle";
import { learnedUsers } from "./learned-users";
import { forgetRun, rememberRun, runFinished } from "./watch/after-run";

const KEY = Symbol.for("rerun-doctor.active-runs");
/** Per running run: each client's position in the plan, once the engine planned it. */
type Holder = { [KEY]?: Map<string, Map<string, number>> };
const MAX_ACTIVE_RUNS = 10;

function active(): Map<string, Map<string, number>> {
  const holder = globalThis as Holder;
  return (holder[KEY] ??= new Map());
}

/** The engine thread's reports land in the store here, on the server's own thread (one writer). */
function onEngineMessage(message: FromEngine): void {
  const { runs } = dbHandle();
  const positions = active().get(message.id);
  if (!positions) return;
  switch (message.type) {
    case "plan":
      message.positions.forEach((name, i) => positions.set(name, i));
      return runs.setPlan(message.id, message.total, { nomad: message.nomad });
    case "client":
      return runs.saveClient(message.id, positions.get(message.client.name) ?? 0, message.client);
    case "done":
      runs.finish(message.report, positions);
      active().delete(message.id);
      return runFinished(message.report);
    case "ended":
      // A cancelled run is no failure worth a log line.
      if (message.message !== null) console.error(`rerun-doctor: run ${message.id} failed: ${message.message}`);
      runs.interrupt(message.id, new Date().toISOString());
      forgetRun(message.id);
      return void active().delete(message.id);
  }
}

function onEngineExit(reason: string): void {
  for (const id of active().keys()) {
    console.error(`rerun-doctor: run ${id} interrupted: ${reason}`);
    dbHandle().runs.interrupt(id, new Date().toISOString());
    forgetRun(id);
  }
  active().clear();
}

/**
 * Starts a run on the engine thread; each client is stored as it finishes. Answers at once.
 * The schedule passes the id it claimed (lib/store/watch-schedule.ts) and trigger 'scheduled'.
 */
export function startRun(origin: RunOrigin, options: { id?: string; trigger?: RunTrigger } = {}): { id: string } {
  const file = serverConfig().inventoryFile;
  if (!file) throw new AppError("unavailable", "no inventory: set RERUN_DOCTOR_INVENTORY to a fleet file");
  if (active().size >= MAX_ACTIVE_RUNS) throw new AppError("rate_limited", `${MAX_ACTIVE_RUNS} runs are already in progress`);
  const inventory = loadInventory(file); // bad inventories answer here, line by line, before any run exists
  const id = options.id ?? randomUUID();
  const trigger = options.trigger ?? "manual";
  dbHandle().runs.create({
    id,
    startedAt: new Date().toISOString(),
    origin,
    trigger,
    totalClients: inventory.clients.length,
    context: { serverVersion: inventory.server.version, rerunPorts: inventory.rerun.ports },
  });
  active().set(id, new Map());
  rememberRun(id, { trigger, watch: inventory.watch });
  const users = learnedUsers(dbHandle().db, inventory.users?.cidrs ?? []);
  engine(onEngineMessage, onEngineExit).send({ type: "start", id, inventoryFile: file, learnedUsers: users });
  return { id };
}

/** Cancels a running run: clients already finished stay, the run ends 'interrupted'. */
export function cancelRun(id: string): void {
  if (!active().has(id)) throw new AppError("not_found", `no running run ${id}`);
  engine(onEngineMessage, onEngineExit).send({ type: "cancel", id });
}
