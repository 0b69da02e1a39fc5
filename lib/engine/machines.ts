import type { MachineObservation, PathProbe } from "../diagnose/reach-types";
import { DASHBOARD_SOURCE } from "../diagnose/reach-types";
import { VM_USER_PORT } from "../diagnose/circleci-ports";
import type { Inventory } from "../inventory/types";
import { LocalSocketError } from "../probe/connect";
import { scanRange } from "../probe/scan";
import { laneOf, type ObserveLimits } from "./observe-client";
import type { VantageResult } from "./vantages";

/** Port 54782 of a VM from the dashboard: a scan of one port, with the scanner's one retry. */
async function probeFromDashboard(name: string, host: string, limits: ObserveLimits): Promise<PathProbe> {
  const port = { from: VM_USER_PORT, to: VM_USER_PORT };
  const result = await scanRange(host, port, {
    timeoutMs: limits.probeTimeoutMs,
    sockets: laneOf(limits, `vm:${name}`),
    signal: limits.signal,
  });
  const run = result.runs[0]!;
  return { port: VM_USER_PORT, state: run.state, reason: run.reason, rttMs: result.open[0]?.rttMs ?? 0 };
}

/** No socket on this machine is no observation: the dashboard's view is then unusable, not filtered. */
async function dashboardView(name: string, host: string, limits: ObserveLimits): Promise<MachineObservation["from"][number]> {
  try {
    return { source: DASHBOARD_SOURCE, unusable: null, probe: await probeFromDashboard(name, host, limits) };
  } catch (error) {
    if (error instanceof LocalSocketError) return { source: DASHBOARD_SOURCE, unusable: error.message, probe: null };
    throw error;
  }
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
        await dashboardView(machine.name, machine.host, limits),
        ...vantages.map((v) => ({ source: v.status.name, unusable: v.status.unusable, probe: v.machines[i] ?? null })),
      ],
    })),
  );
}
