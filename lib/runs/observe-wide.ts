import type { ClientObservation } from "../diagnose/types";
import type { FleetObservation, WideClientObservation } from "../diagnose/wide-types";
import type { Inventory } from "../inventory/types";
import { observeMachines } from "./machines";
import type { ObserveLimits } from "./observe-client";
import { observeVantage, vantageViews } from "./vantages";

export function withWide(obs: ClientObservation, wide: WideClientObservation): ClientObservation {
  const merged = { ...obs.wide, ...wide };
  return Object.values(merged).some((v) => v !== undefined) ? { ...obs, wide: merged } : obs;
}

/**
 * After every client was observed (a vantage is checked against a client the dashboard reached):
 * the vantages, then each VM's 54782 from the dashboard and the vantages.
 */
export async function observeWide(inventory: Inventory, observations: readonly ClientObservation[], limits: ObserveLimits): Promise<{ observations: ClientObservation[]; fleet: FleetObservation | null }> {
  if (inventory.vantages.length === 0 && inventory.machines.length === 0) return { observations: [...observations], fleet: null };
  const vantages = await Promise.all(inventory.vantages.map((v) => observeVantage(v, inventory, observations, limits)));
  const machines = await observeMachines(inventory, vantages, limits);
  return {
    observations: observations.map((o, i) => (vantages.length > 0 ? withWide(o, { vantages: vantageViews(vantages, i) }) : o)),
    fleet: { vantages: vantages.map((v) => v.status), machines },
  };
}
