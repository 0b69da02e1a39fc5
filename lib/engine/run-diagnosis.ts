import { randomUUID } from "node:crypto";
import { setMaxListeners } from "node:events";
import { basename } from "node:path";
import { diagnoseClient } from "../diagnose/diagnose-client";
import { diagnoseFleet } from "../diagnose/diagnose-fleet";
import { diagnoseReachFleet } from "../diagnose/rules-vantage";
import type { ClientObservation, DiagnoseContext } from "../diagnose/types";
import type { UsersNetwork } from "../diagnose/users-networks";
import { AppError } from "../common/app-error";
import { resolveTargets } from "../inventory/discover";
import { type NomadDiscovery } from "../inventory/types";
import type { Inventory, Target } from "../inventory/types";
import { Limiter, within } from "../probe/limiter";
import { buildClientReport, buildReport } from "../report/build-report";
import { checkSshSettings } from "../ssh/auth";
import { FleetRtt } from "../probe/rtt";
import { BannerPace } from "../ssh/banner-pace";
import { SshConfigError } from "../ssh/errors";
import type { ClientReport, Report } from "../report/schema";
import { measureClientPaths } from "./client-paths";
import { PROCESS_SCANS, PROCESS_SESSIONS, PROCESS_SOCKETS } from "./budget";
import { discoverVia } from "./nomad-via";
import { observeClient, type ObserveLimits } from "./observe-client";
import { ownNetworks } from "./probe-authority";
import { observeReach, withReach } from "./observe-reach";
import { withLearnedUsers } from "./users-context";

export const DEFAULT_CONCURRENCY = 32;
/** The longest one probe waits; scans wait less once a target answered (lib/probe/rtt.ts). */
export const DEFAULT_PROBE_TIMEOUT_MS = 1500;

export interface RunOptions {
  readonly runId?: string;
  readonly concurrency?: number;
  /** The SSH TCP connect timeout, over the inventory's ssh.connectTimeoutMs. */
  readonly connectTimeoutMs?: number;
  /** The longest one probe waits. */
  readonly probeTimeoutMs?: number;
  readonly signal?: AbortSignal;
  /** Who to inspect, when the caller resolved it already (planRun); otherwise the run resolves it. */
  readonly plan?: RunPlan;
  /** Users' addresses learned from user probes' uploads: more users networks for the host checks (data only, never probed). */
  readonly learnedUsers?: readonly UsersNetwork[];
  /** Each client as it finishes (fleet-wide findings such as duplicates arrive in the final report). */
  readonly onClient?: (client: ClientReport, done: number, total: number) => void;
}

export interface RunPlan {
  readonly targets: readonly Target[];
  readonly nomad: NomadDiscovery | null;
}

/** The inventory's clients plus what Nomad discovery adds; Nomad failing is reported, not fatal. */
export async function planRun(inventory: Inventory, signal?: AbortSignal): Promise<RunPlan> {
  const plan = await resolveTargets(inventory, process.env, signal);
  const server = plan.nomad;
  if (!inventory.nomad?.via || (server !== null && server.error === null)) return plan;
  // The server API is not exposed by default (unsafe_expose_api: false): ask a client's own agent instead.
  const viaPlan = await discoverVia(inventory, signal);
  if (server === null) return viaPlan;
  return { ...viaPlan, nomad: { ...viaPlan.nomad, address: `${viaPlan.nomad.address}, after ${server.address}: ${server.error}` } };
}

async function checkSettings(inventory: Inventory): Promise<void> {
  try {
    await checkSshSettings(inventory.ssh);
  } catch (error) {
    if (error instanceof SshConfigError)
      throw new AppError("invalid_inventory", `invalid inventory ${inventory.file}`, [
        `${basename(inventory.file)}: ssh: ${error.message}`,
      ]);
    throw error;
  }
}

/** inventory → SSH → collect/probe → diagnose → report, one client at a time in parallel. */
export async function runDiagnosis(inventory: Inventory, options: RunOptions = {}): Promise<Report> {
  const runId = options.runId ?? randomUUID();
  // Every session and probe listens for cancellation on the one run signal.
  if (options.signal) setMaxListeners(0, options.signal);
  const startedAt = new Date().toISOString();
  const ssh = options.connectTimeoutMs ? { ...inventory.ssh, connectTimeoutMs: options.connectTimeoutMs } : inventory.ssh;
  const withUsers = withLearnedUsers(inventory, options.learnedUsers ?? []);
  const { usersNetworks } = withUsers;
  const effective: Inventory = { ...withUsers.inventory, ssh };
  await checkSettings(effective);
  const ctx: DiagnoseContext = {
    serverVersion: inventory.server.version,
    rerunPorts: inventory.rerun.ports,
    rerunPortsExplicit: inventory.rerun.portsExplicit,
    podmanPorts: inventory.rerun.podmanPorts,
    ...(inventory.server.terraformModule ? { terraformModule: inventory.server.terraformModule } : {}),
    users: effective.users?.cidrs ?? null,
    ...(usersNetworks.length > 0 ? { usersNetworks } : {}),
    publicCidrs: inventory.probe.allowCidrs,
  };
  const limits: ObserveLimits = {
    sessions: within(new Limiter(options.concurrency ?? DEFAULT_CONCURRENCY), PROCESS_SESSIONS),
    sockets: PROCESS_SOCKETS,
    scans: PROCESS_SCANS,
    runId,
    probeTimeoutMs: options.probeTimeoutMs ?? DEFAULT_PROBE_TIMEOUT_MS,
    ownNetworks: ownNetworks(),
    pace: new BannerPace(),
    fleetRtt: new FleetRtt(),
    signal: options.signal,
  };
  const plan = options.plan ?? (await planRun(inventory, options.signal));
  let done = 0;
  const observed: ClientObservation[] = await Promise.all(
    plan.targets.map(async (target) => {
      const base = await observeClient(target, effective, limits);
      const paths = base.collect.kind === "collected" ? await measureClientPaths(target, effective, limits) : undefined;
      const observation = withReach(base, { paths });
      // Work cut short by a cancel is no observation: nothing of it reaches a report.
      options.signal?.throwIfAborted();
      done++;
      options.onClient?.(buildClientReport(observation, diagnoseClient(observation, ctx)), done, plan.targets.length);
      return observation;
    }),
  );
  const { observations, fleet } = await observeReach(effective, observed, limits);
  const diagnoses = diagnoseFleet(observations, ctx);
  const clients = observations.map((o, i) => buildClientReport(o, diagnoses[i]!));
  const fleetFindings = diagnoseReachFleet(fleet);
  return buildReport({ runId, startedAt, finishedAt: new Date().toISOString(), ctx, clients, nomad: plan.nomad, fleet, fleetFindings });
}
