import { collectClient } from "../collect";
import { deriveAdvertisedIp } from "../diagnose";
import type { ClientObservation, ProbeOutcome } from "../diagnose/types";
import type { Inventory, Target } from "../inventory/types";
import { Limiter, probePolicy, scanRange } from "../probe";

export interface ObserveLimits {
  /** SSH sessions in flight. */
  readonly sessions: Limiter;
  /** Probe sockets in flight, across every client. */
  readonly sockets: Limiter;
  readonly probeTimeoutMs: number;
  readonly signal?: AbortSignal;
}

/** Collects one client over SSH, then probes its advertised IP from here; never throws for remote behaviour. */
export async function observeClient(target: Target, inventory: Inventory, limits: ObserveLimits): Promise<ClientObservation> {
  const ports = inventory.rerun.ports;
  const collect = await limits.sessions.run(() => collectClient(target, inventory.ssh, { ports: [ports], signal: limits.signal }));
  if (collect.kind !== "collected") {
    return { target, collect, probe: { kind: "skipped", skipped: { address: null, reason: "the client could not be inspected" } } };
  }
  const advertised = deriveAdvertisedIp(collect.facts, inventory.server.version);
  let probe: ProbeOutcome;
  if (advertised.ip === null) {
    probe = { kind: "skipped", skipped: { address: null, reason: "no advertised IP to probe" } };
  } else {
    const decision = probePolicy(advertised.ip, target.host, collect.facts, inventory.probe.allowCidrs);
    probe = decision.ok
      ? { kind: "probed", result: await scanRange(advertised.ip, ports, { timeoutMs: limits.probeTimeoutMs, sockets: limits.sockets, signal: limits.signal }) }
      : { kind: "skipped", skipped: { address: advertised.ip, reason: decision.reason } };
  }
  return { target, collect, probe };
}
