import type { ClientObservation } from "../diagnose/types";
import type { FleetObservation, ReachObservation } from "../diagnose/reach-types";
import type { Inventory } from "../inventory/types";
import { observeMachines } from "./machines";
import type { ObserveLimits } from "./observe-client";
import { observeVantage, vantageViews } from "./vantages";

export function withReach(obs: ClientObservation, reach: ReachObservation): ClientObservation {
  const merged = { ...obs.reach, ...reach };
  return Object.values(merged).some((v) => v !== undefined) ? { ...obs, reach: merged } : obs;
}

/**
 * After every client was observed (a vantage is checked against a client the dashboard reached):
 * the vantages, then each VM's 54782 from the dashboard and the vantages.
 */
export async function observeReach(
  inventory: Inventory,
  observations: readonly ClientObservation[],
  limits: ObserveLimits,
): Promise<{ observations: ClientObservation[]; fleet: FleetObservation | null }> {
  if (inventory.vantages.length === 0 && inventory.machines.length === 0) return { observations: [...observations], fleet: null };
  const vantages = await Promise.all(inventory.vantages.map((v) => observeVantage(v, inventory, observations, limits)));
  const machines = await observeMachines(inventory, vantages, limits);
  return {
    observations: observations.map((o, i) => (vantages.length > 0 ? withReach(o, { vantages: vantageViews(vantages, i) }) : o)),
    fleet: { vantages: vantages.map((v) => v.status), machines },
  };
}
