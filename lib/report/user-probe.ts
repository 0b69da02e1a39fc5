import { z } from "zod";
import { isIpv4 } from "../common/ipv4";
import { PORT_REASONS, type PortRange, type PortReason } from "../common/ports";
import type { Report } from "./schema";
import { USER_PROBE_TOOLS, type UserProbeTool } from "./user-probe-tools";

export { USER_PROBE_TOOLS, type UserProbeTool };

/** At most this many address:port pairs per request, so an upload stays far below MAX_UPLOAD_BYTES. */
export const MAX_USER_PROBE_TARGETS = 768;
export const PORTS_PER_CLIENT = 32;
/** Ports of running SSH-rerun jobs (open from the dashboard) added per client. */
export const MAX_JOB_PORTS = 4;
export const MAX_UPLOAD_BYTES = 64 * 1024;

export interface UserProbeTarget {
  readonly ip: string;
  readonly port: number;
}

export const USER_PROBE_STATES = ["open", "closed", "filtered", "unknown"] as const;
export type UserProbeState = (typeof USER_PROBE_STATES)[number];
/** "undetermined": the tool could not tell closed from filtered (it goes with state "unknown"). */
export type UserProbeReason = PortReason | "undetermined";

export interface UserProbeResult {
  readonly ip: string;
  readonly port: number;
  readonly state: UserProbeState;
  readonly reason: UserProbeReason;
}

/** `count` ports spread evenly over the range, both ends included. */
function spread(range: PortRange, count: number): number[] {
  const size = range.to - range.from + 1;
  if (size <= count) return Array.from({ length: size }, (_, i) => range.from + i);
  if (count <= 1) return [range.from];
  return Array.from({ length: count }, (_, i) => range.from + Math.round((i * (size - 1)) / (count - 1)));
}

function openPorts(client: Report["clients"][number]): number[] {
  return client.portRuns.filter((r) => r.state === "open").flatMap((r) => spread(r, Math.min(MAX_JOB_PORTS, r.to - r.from + 1)));
}

/**
 * What a user's machine probes (for the run, or one client of it): each client's address the dashboard
 * probed (never one it refused to), a spread sample of its rerun range and the ports of running SSH
 * jobs. Only IPv4 addresses and ports.
 */
export function userProbeTargets(report: Report, onlyClient?: string): UserProbeTarget[] {
  const clients = report.clients.filter(
    (c) => c.probedAddress !== null && isIpv4(c.probedAddress) && (onlyClient === undefined || c.name === onlyClient),
  );
  const perClient = Math.max(
    2,
    Math.min(PORTS_PER_CLIENT, Math.floor(MAX_USER_PROBE_TARGETS / Math.max(1, clients.length)) - MAX_JOB_PORTS),
  );
  const seen = new Set<string>();
  const targets: UserProbeTarget[] = [];
  for (const client of clients) {
    const range = client.rerunPorts ?? report.inventory.rerunPorts;
    const ports = [...new Set([...spread(range, perClient), ...openPorts(client).slice(0, MAX_JOB_PORTS)])].sort((a, b) => a - b);
    for (const port of ports) {
      const key = `${client.probedAddress} ${port}`;
      if (seen.has(key) || targets.length >= MAX_USER_PROBE_TARGETS) continue;
      seen.add(key);
      targets.push({ ip: client.probedAddress!, port });
    }
  }
  return targets;
}

/** The targets as the script reads them: one "address port" line each, nothing else. */
export const targetsText = (targets: readonly UserProbeTarget[]): string => targets.map((t) => `${t.ip} ${t.port}\n`).join("");

const LINE = /^(\d{1,3}(?:\.\d{1,3}){3}) (\d{1,5}) (open|closed|filtered|unknown) ([a-z-]{1,24})$/;

/** The upload: the tool that probed and one "address port state reason" line per target. */
export const userProbeUploadSchema = z
  .object({
    tool: z.enum(USER_PROBE_TOOLS),
    results: z.array(z.string().max(64)).min(1).max(MAX_USER_PROBE_TARGETS),
  })
  .strict();
export type UserProbeUpload = z.infer<typeof userProbeUploadSchema>;

const REASONS: Record<UserProbeState, readonly string[]> = {
  open: ["syn-ack"],
  closed: ["conn-refused"],
  filtered: ["no-response", "host-unreach", "net-unreach", "admin-prohibited"],
  unknown: ["undetermined", "connect-failed"],
};

/** Every line must be a well-formed result for one of the request's targets, each target at most once. */
export function validateUpload(
  targets: readonly UserProbeTarget[],
  upload: UserProbeUpload,
): { ok: true; results: UserProbeResult[] } | { ok: false; problems: string[] } {
  const allowed = new Set(targets.map((t) => `${t.ip} ${t.port}`));
  const done = new Set<string>();
  const problems: string[] = [];
  const results: UserProbeResult[] = [];
  upload.results.forEach((line, i) => {
    const m = LINE.exec(line);
    const state = m?.[3] as UserProbeState | undefined;
    if (!m || !isIpv4(m[1]!) || !state || !REASONS[state].includes(m[4]!))
      return void problems.push(`results.${i}: not "address port state reason"`);
    const key = `${m[1]} ${Number(m[2])}`;
    if (!allowed.has(key)) return void problems.push(`results.${i}: ${key} is not a target of this request`);
    if (done.has(key)) return void problems.push(`results.${i}: ${key} reported twice`);
    done.add(key);
    results.push({ ip: m[1]!, port: Number(m[2]), state, reason: m[4] as UserProbeReason });
  });
  return problems.length > 0 ? { ok: false, problems: problems.slice(0, 20) } : { ok: true, results };
}

export const isPortReason = (reason: string): reason is PortReason => (PORT_REASONS as readonly string[]).includes(reason);
