import { isIpv4, parseCidr } from "../common/ipv4";
import { shellQuote } from "../common/shell";
import type { SshSession } from "../ssh/types";
import { firewallFacts, HostParseError, nomadAgentFacts, splitHostOutput } from "./host-parse";
import { HOST_SCRIPT } from "./host-script";
import type { HostChecksOutcome } from "./host-types";

/** A node record (≤ 1 MiB kept) plus rules and routes; more is a host that floods. */
export const MAX_HOST_OUTPUT_BYTES = 2 * 1024 * 1024;
/** inventory users.cidrs (≤ 8) and the addresses learned from user probes (≤ 8). */
export const MAX_USER_ADDRESSES = 16;

const fromInt = (n: number): string => [24, 16, 8, 0].map((shift) => Math.floor(n / 2 ** shift) % 256).join(".");

/** One address per users' CIDR for `ip route get`: its first host (the network itself for a /31 or /32). */
export function userAddresses(cidrs: readonly string[]): { cidr: string; address: string }[] {
  return cidrs.slice(0, MAX_USER_ADDRESSES).flatMap((cidr) => {
    const net = parseCidr(cidr);
    if (!net || !cidr.includes("/")) return [];
    const size = 2 ** (32 - net.bits);
    const base = Math.floor(net.base / size) * size;
    return [{ cidr, address: fromInt(net.bits >= 31 ? base : base + 1) }];
  });
}

/** The command line: the fixed script reads the addresses as its arguments, each one IPv4 address, quoted. */
export function hostCommand(addresses: readonly string[]): string {
  for (const a of addresses) if (!isIpv4(a)) throw new Error(`not an IPv4 address: ${JSON.stringify(a.slice(0, 40))}`);
  return ["sh", "-s", "--", ...addresses.map(shellQuote)].join(" ");
}

export interface HostCheckOptions {
  readonly userCidrs: readonly string[];
  readonly timeoutMs: number;
  readonly idleTimeoutMs: number;
}

/** The client's own Nomad agent, firewall and routes, over a session already open; never throws for remote behaviour. */
export async function runHostChecks(session: SshSession, options: HostCheckOptions): Promise<HostChecksOutcome> {
  const users = userAddresses(options.userCidrs);
  const result = await session.exec(hostCommand(users.map((u) => u.address)), {
    stdin: HOST_SCRIPT,
    timeoutMs: options.timeoutMs,
    idleTimeoutMs: options.idleTimeoutMs,
    maxBytes: MAX_HOST_OUTPUT_BYTES,
  });
  if (result.timedOut)
    return { ok: false, message: `the host-check command timed out (${result.timedOut}, ${result.stdout.length} bytes read)` };
  if (result.truncated) return { ok: false, message: `the client printed more than ${MAX_HOST_OUTPUT_BYTES} bytes` };
  if (result.channelError !== undefined) return { ok: false, message: `the connection dropped: ${result.channelError}` };
  try {
    const out = splitHostOutput(result.stdout);
    return { ok: true, checks: { nomadAgent: nomadAgentFacts(out), firewall: firewallFacts(out), userAddresses: users } };
  } catch (error) {
    if (error instanceof HostParseError) return { ok: false, message: error.message };
    throw error;
  }
}
