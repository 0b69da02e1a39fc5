import type { ClientPaths } from "../diagnose/reach-types";
import type { Inventory, Target } from "../inventory/types";
import { Limiter } from "../probe/limiter";
import { scanViaSession } from "../probe/via-session";
import { openSession } from "../ssh/open-session";
import type { ObserveLimits } from "./observe-client";
import { forwardingRefused, planClientPaths } from "./path-plan";

const CHANNELS_PER_CLIENT = 16;

/**
 * From one Nomad client, over a session of its own, to the services host and the VMs. Opens nothing
 * when neither is configured. Never throws for remote behaviour.
 */
export async function measureClientPaths(target: Target, inventory: Inventory, limits: ObserveLimits): Promise<ClientPaths | undefined> {
  const planned = planClientPaths(inventory);
  if (planned.length === 0) return undefined;
  const opened = await limits.sessions.run(() => openSession(target, inventory.ssh, { signal: limits.signal, pace: limits.pace }));
  if (!opened.ok) return { unmeasured: `no second SSH session to ${target.name} (${opened.failure.kind})`, paths: [] };
  const channels = new Limiter(CHANNELS_PER_CLIENT);
  try {
    const results = await Promise.all(
      planned.map(async (path) => {
        const scan = await scanViaSession(opened.session, path.host, [path.port], {
          timeoutMs: limits.probeTimeoutMs,
          channels,
          signal: limits.signal,
        });
        return { path, scan };
      }),
    );
    const lost = results.find((r) => r.scan.lost !== null);
    if (lost) return { unmeasured: `the SSH session to ${target.name} dropped while probing: ${lost.scan.lost}`, paths: [] };
    const probes = results.map(({ path, scan }) => ({ ...path, probe: scan.probes[0]! }));
    if (probes.some((p) => forwardingRefused(p.probe))) {
      return {
        unmeasured: `sshd on ${target.name} refuses TCP forwarding (AllowTcpForwarding), so its paths cannot be probed from it`,
        paths: [],
      };
    }
    return { unmeasured: null, paths: probes };
  } finally {
    opened.session.end();
  }
}
