import { z } from "zod";

/** One node as its own agent reads it from the servers (GET /v1/node/:id, Nomad's API docs). */
export interface NomadAgentNode {
  readonly id: string;
  readonly name: string;
  readonly status: string;
  readonly statusDescription: string;
  readonly eligibility: string;
  readonly drain: boolean;
  /** Fingerprinted attributes kept for diagnosis (platform and network ones only, bounded). */
  readonly attributes: Readonly<Record<string, string>>;
}

/** The client's own Nomad agent, asked over the SSH session (127.0.0.1:4646, or https://localhost:4646 with mTLS). */
export interface NomadAgentFacts {
  readonly address: string;
  readonly tool: "curl" | "wget" | "none";
  /** HTTP status of GET /v1/agent/self; null when nothing answered. */
  readonly selfStatus: number | null;
  readonly nodeId: string | null;
  /** HTTP status of GET /v1/node/<id>; null when not asked or nothing answered. */
  readonly nodeStatus: number | null;
  readonly node: NomadAgentNode | null;
  /** What could not be read, in words (an unexpected shape, a cut body). */
  readonly problem: string | null;
}

export const PRIVILEGES = ["root", "sudo", "no-sudo", "sudo-password", "unknown"] as const;
export type Privilege = (typeof PRIVILEGES)[number];

/** `iptables -S CHAIN`: its exit status and lines (rules or the error). */
export interface ChainListing {
  readonly chain: string;
  readonly exit: number | null;
  readonly lines: readonly string[];
}

/** The client's own firewall and routes toward the users, as root or `sudo -n` could read them. */
export interface HostFirewallFacts {
  readonly uid: number | null;
  readonly privilege: Privilege;
  readonly iptables: "read" | "absent" | "not-read";
  readonly chains: readonly ChainListing[];
  /** `nft list ruleset`, when nft exists. */
  readonly nft: { readonly exit: number | null; readonly lines: readonly string[] } | null;
  /** `ip -4 route get <address>`'s first line per users' address. */
  readonly routes: readonly { readonly address: string; readonly line: string }[];
}

export interface HostChecks {
  readonly nomadAgent: NomadAgentFacts;
  readonly firewall: HostFirewallFacts;
  /** The users' representative addresses the routes were asked for, with the CIDR each stands for. */
  readonly userAddresses: readonly { readonly cidr: string; readonly address: string }[];
}

/** Why the host checks could not run (the collect itself went fine). */
export type HostChecksOutcome = { readonly ok: true; readonly checks: HostChecks } | { readonly ok: false; readonly message: string };

/** GET /v1/node/:id, the fields read; the rest of Nomad's node record is ignored. */
export const agentNodeSchema = z.object({
  ID: z.string().min(1).max(64),
  Name: z.string().max(256),
  Status: z.string().max(32),
  StatusDescription: z.string().max(512).optional().default(""),
  SchedulingEligibility: z.string().max(32),
  Drain: z.boolean().optional(),
  DrainStrategy: z.unknown().optional(),
  Attributes: z.record(z.string(), z.string()).nullable().optional(),
});
