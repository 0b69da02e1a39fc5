import type { ClientObservation } from "../diagnose/types";
import type { PathProbe, PathScan, VantageStatus, VantageView } from "../diagnose/reach-types";
import { VM_USER_PORT } from "../diagnose/circleci-ports";
import type { Inventory, Vantage } from "../inventory/types";
import { Limiter } from "../probe/limiter";
import { scanViaSession, spreadPorts } from "../probe/via-session";
import { openSession } from "../ssh/open-session";
import type { SshSession } from "../ssh/types";
import type { ObserveLimits } from "./observe-client";

/** Channels in flight through one vantage's sshd. */
export const VANTAGE_CHANNELS = 64;
/** Ports probed per client from a vantage: each unanswered one holds a socket on the vantage for minutes. */
export const VANTAGE_MAX_PORTS = 1024;

export interface VantageResult {
  readonly status: VantageStatus;
  /** Per observation index; null when that client's range was not probed from here. */
  readonly clients: readonly (PathScan | null)[];
  /** Per machine, port 54782. */
  readonly machines: readonly (PathProbe | null)[];
}

function knownGood(vantage: Vantage, observations: readonly ClientObservation[]): { host: string; port: number } | null {
  if (vantage.check) return vantage.check;
  const reached = observations.find((o) => o.collect.kind !== "session-failed");
  return reached ? { host: reached.target.host, port: reached.target.port } : null;
}

function checkVerdict(probe: PathProbe, where: string): string | null {
  if (probe.state === "open") return null;
  if (probe.reason === "admin-prohibited")
    return "its sshd refuses TCP forwarding (AllowTcpForwarding), so nothing can be probed through it";
  return `it cannot reach ${where}, a known-good target the dashboard reached (${probe.state}, ${probe.reason})`;
}

async function scanFrom(
  session: SshSession,
  inventory: Inventory,
  observations: readonly ClientObservation[],
  limits: ObserveLimits,
  channels: Limiter,
) {
  const opts = { timeoutMs: limits.probeTimeoutMs, channels, signal: limits.signal };
  const clients = observations.map(async (o) => {
    if (o.probe.kind !== "probed") return null;
    const range = o.reach?.rerunRange ?? inventory.rerun.ports;
    return scanViaSession(session, o.probe.result.address, spreadPorts(range, VANTAGE_MAX_PORTS), opts, range.to - range.from + 1);
  });
  const machines = inventory.machines.map((m) => scanViaSession(session, m.host, [VM_USER_PORT], opts));
  return { clients: await Promise.all(clients), machines: await Promise.all(machines) };
}

/** Checks one vantage against a known-good target, then probes the rerun ranges and VMs through it. */
export async function observeVantage(
  vantage: Vantage,
  inventory: Inventory,
  observations: readonly ClientObservation[],
  limits: ObserveLimits,
): Promise<VantageResult> {
  const good = knownGood(vantage, observations);
  const check = good && `${good.host}:${good.port}`;
  const unusable = (reason: string): VantageResult => ({
    status: { name: vantage.name, host: vantage.host, check, unusable: reason },
    clients: observations.map(() => null),
    machines: inventory.machines.map(() => null),
  });
  if (!good || !check)
    return unusable("no client answered SSH, so there was no known-good target to check it against (set check: on the vantage)");
  const target = { name: vantage.name, host: vantage.host, port: vantage.port, user: vantage.user, source: "inventory" as const };
  const opened = await limits.sessions.run(() => openSession(target, inventory.ssh, { signal: limits.signal, pace: limits.pace }));
  if (!opened.ok)
    return unusable(
      `no SSH session to the vantage (${opened.failure.kind}${"message" in opened.failure ? `: ${opened.failure.message}` : ""})`,
    );
  const channels = new Limiter(VANTAGE_CHANNELS);
  try {
    const probe = await scanViaSession(opened.session, good.host, [good.port], {
      timeoutMs: limits.probeTimeoutMs,
      channels,
      signal: limits.signal,
    });
    const broken = probe.lost ?? checkVerdict(probe.probes[0]!, check);
    if (broken) return unusable(broken);
    const scans = await scanFrom(opened.session, inventory, observations, limits, channels);
    const lost = [...scans.clients, ...scans.machines].find((s) => s?.lost);
    if (lost) return unusable(`the SSH session to the vantage dropped while probing: ${lost.lost}`);
    return {
      status: { name: vantage.name, host: vantage.host, check, unusable: null },
      clients: scans.clients,
      machines: scans.machines.map((s) => s.probes[0] ?? null),
    };
  } finally {
    opened.session.end();
  }
}

/** The per-client view of every vantage, for diagnosis. */
export function vantageViews(results: readonly VantageResult[], index: number): VantageView[] {
  return results.map((r) => ({ vantage: r.status.name, unusable: r.status.unusable, scan: r.clients[index] ?? null }));
}
