import type { MachineObservation, PathProbe } from "../diagnose/reach-types";
import { DASHBOARD_SOURCE } from "../diagnose/reach-types";
import { VM_USER_PORT } from "../diagnose/circleci-ports";
import type { Inventory } from "../inventory/types";
import { connectProbe } from "../probe/connect";
import type { ObserveLimits } from "./observe-client";
import type { VantageResult } from "./vantages";

/** Port 54782 of a VM from the dashboard; no answer is retried once with half the timeout, like scanRange. */
async function probeFromDashboard(host: string, limits: ObserveLimits): Promise<PathProbe> {
  const once = (timeoutMs: number) => limits.sockets.run(() => connectProbe(host, VM_USER_PORT, timeoutMs, Math.min(500, timeoutMs)));
  const first = await once(limits.probeTimeoutMs);
  const result =
    first.state === "filtered" && first.reason === "no-response" ? await once(Math.max(100, limits.probeTimeoutMs / 2)) : first;
  return { port: result.port, state: result.state, reason: result.reason, rttMs: result.rttMs };
}

/** Each VM's 54782 from the dashboard and from every vantage (already probed by observeVantage). */
export async function observeMachines(
  inventory: Inventory,
  vantages: readonly VantageResult[],
  limits: ObserveLimits,
): Promise<MachineObservation[]> {
  return Promise.all(
    inventory.machines.map(async (machine, i) => ({
      name: machine.name,
      host: machine.host,
      from: [
        { source: DASHBOARD_SOURCE, unusable: null, probe: await probeFromDashboard(machine.host, limits) },
        ...vantages.map((v) => ({ source: v.status.name, unusable: v.status.unusable, probe: v.machines[i] ?? null })),
      ],
    })),
  );
}
