import { collectClient, type Collected, type CollectOptions } from "../collect/collect-client";
import { runHostChecks } from "../collect/host-checks";
import type { HostChecksOutcome } from "../collect/host-types";
import type { SshSession } from "../ssh/types";
import { deriveAdvertisedIp } from "../diagnose/advertised-ip";
import type { ClientObservation, ProbeOutcome } from "../diagnose/types";
import type { ProbeResult } from "../probe/types";
import type { CollectOutcome } from "../collect/types";
import type { Inventory, RerunSettings, Target } from "../inventory/types";
import type { PortRange } from "../common/ports";
import { probePolicy } from "../probe/policy";
import { probeAuthority } from "./probe-authority";
import { LocalSocketError } from "../probe/connect";
import { scanRange } from "../probe/scan";
import type { ScanPool } from "../probe/scan-pool";
import type { FairLimiter, SlotLane } from "../probe/fair-limiter";
import type { TaskLimiter } from "../probe/limiter";
import type { BannerPace } from "../ssh/banner-pace";
import type { FleetRtt } from "../probe/rtt";

export interface ObserveLimits {
  /** SSH sessions in flight. */
  readonly sessions: TaskLimiter;
  /** Probe sockets in flight, across every client of every run, shared round robin by `lane`. */
  readonly sockets: FairLimiter;
  /** Where client scans run: this thread or the probe thread (scan-pool.ts); without it, here on `sockets`. */
  readonly scans?: ScanPool;
  /** Names this run's lanes apart from another run's. */
  readonly runId: string;
  /** The longest one probe waits; scans wait less once a target answered. */
  readonly probeTimeoutMs: number;
  /** The dashboard's own networks: never probed on a client's word alone. */
  readonly ownNetworks: readonly string[];
  /** How fast this run's fleet sends SSH banners: a far later one is a hang. */
  readonly pace?: BannerPace;
  /** This run's SSH connect times: the pace of a first pass over a host that has not answered. */
  readonly fleetRtt?: FleetRtt;
  readonly signal?: AbortSignal;
}

/** The socket lane of one scan: one per client (or VM) of one run. */
const laneKey = (limits: ObserveLimits, what: string): string => `${limits.runId}/${what}`;
export const laneOf = (limits: ObserveLimits, what: string): SlotLane => limits.sockets.lane(laneKey(limits, what));

/**
 * Podman clients publish reruns on ephemeral ports, unless the inventory set rerun.ports itself.
 * Which clients run Podman is the inventory's word, never the client's: a client can lie.
 */
export function rerunRangeFor(target: Target, rerun: RerunSettings): PortRange {
  return target.runtime === "podman" && !rerun.portsExplicit ? rerun.podmanPorts : rerun.ports;
}

/** A fault no one foresaw (EMFILE reading known_hosts, say) costs this client, never the run. */
async function collectSafely(
  target: Target,
  inventory: Inventory,
  ports: readonly PortRange[],
  options: Omit<CollectOptions, "ports">,
): Promise<CollectOutcome> {
  const started = performance.now();
  const { signal } = options;
  try {
    return await collectClient(target, inventory.ssh, { ports, ...options });
  } catch (error) {
    if (signal?.aborted) throw error;
    const message = `inspection failed on this machine: ${error instanceof Error ? error.message.slice(0, 200) : "unknown error"}`;
    return { kind: "session-failed", failure: { kind: "protocol-error", message }, durationMs: Math.round(performance.now() - started) };
  }
}

/** A scan this machine could not carry out (no sockets) is reported as not probed, never as port states. */
async function scanOrSkip(address: string, scanning: Promise<ProbeResult>): Promise<ProbeOutcome> {
  try {
    return { kind: "probed", result: await scanning };
  } catch (error) {
    if (error instanceof LocalSocketError) return { kind: "skipped", skipped: { address, reason: error.message } };
    throw error;
  }
}

/** Probes the advertised IP from here, when the inventory lets this run reach it. */
async function probeAdvertised(target: Target, inventory: Inventory, limits: ObserveLimits, collected: Collected): Promise<ProbeOutcome> {
  const tcpMs = collected.timings?.tcpMs ?? null;
  if (tcpMs !== null) limits.fleetRtt?.record(tcpMs);
  const advertised = deriveAdvertisedIp(collected.facts, inventory.server.version);
  if (advertised.ip === null) return { kind: "skipped", skipped: { address: null, reason: "no advertised IP to probe" } };
  const decision = probePolicy(advertised.ip, await probeAuthority(target, inventory, limits.ownNetworks));
  if (!decision.ok) return { kind: "skipped", skipped: { address: advertised.ip, reason: decision.reason } };
  const request = {
    address: advertised.ip,
    range: rerunRangeFor(target, inventory.rerun),
    timeoutMs: limits.probeTimeoutMs,
    rttHintMs: tcpMs,
    fleetRttHintMs: limits.fleetRtt?.nearestMs() ?? null,
    lane: laneKey(limits, target.name),
    signal: limits.signal,
  };
  if (limits.scans) return scanOrSkip(request.address, limits.scans.scan(request));
  const { address, range, lane, ...options } = request;
  return scanOrSkip(address, scanRange(address, range, { ...options, sockets: limits.sockets.lane(lane) }));
}

/**
 * Collects one client over SSH and probes its advertised IP from here; never throws for remote
 * behaviour. The scan starts as soon as the collect named the address: the host checks that follow
 * on the same session need no port state, so the row does not wait for them.
 */
export async function observeClient(target: Target, inventory: Inventory, limits: ObserveLimits): Promise<ClientObservation> {
  const { rerun } = inventory;
  const listenRanges = rerun.portsExplicit ? [rerun.ports] : [rerun.ports, rerun.podmanPorts];
  let host: HostChecksOutcome | undefined;
  let scanning: Promise<ProbeOutcome> | undefined;
  const afterCollect = async (session: SshSession, idleMs: number, collected: Collected) => {
    scanning = probeAdvertised(target, inventory, limits, collected);
    // Awaited below, once the host checks are done: a rejection meanwhile is not unhandled.
    scanning.catch(() => undefined);
    const options = { userCidrs: inventory.users?.cidrs ?? [], timeoutMs: inventory.ssh.commandTimeoutMs, idleTimeoutMs: idleMs };
    host = await runHostChecks(session, options);
  };
  const collect = await limits.sessions.run(() =>
    collectSafely(target, inventory, listenRanges, { signal: limits.signal, pace: limits.pace, afterCollect }),
  );
  if (collect.kind !== "collected") {
    return { target, collect, probe: { kind: "skipped", skipped: { address: null, reason: "the client could not be inspected" } } };
  }
  const probe = await (scanning ?? probeAdvertised(target, inventory, limits, collect));
  const ports = rerunRangeFor(target, rerun);
  const reach = ports === rerun.ports ? {} : { reach: { rerunRange: ports } };
  return { target, collect, probe, ...reach, ...(host ? { host } : {}) };
}
