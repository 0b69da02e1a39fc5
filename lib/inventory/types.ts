import { z } from "zod";
import type { PortRange } from "../common/ports";
import type { WatchSettings } from "./watch-schema";

export type HostKeyPolicy = "strict" | "accept-new";

export interface JumpHost {
  readonly host: string;
  readonly port: number;
  readonly user: string;
}

export interface SshSettings {
  readonly user: string;
  /** Absolute path after `~` and `${ENV}` expansion; absent means ssh-agent only. */
  readonly identityFile?: string;
  /** Name of the env variable holding the key's passphrase (never the passphrase itself). */
  readonly passphraseEnv?: string;
  /** Offer ssh-agent keys (SSH_AUTH_SOCK); unset: only when there is no identityFile. */
  readonly useAgent?: boolean;
  readonly knownHostsFile: string;
  readonly hostKeyPolicy: HostKeyPolicy;
  readonly jumpHost?: JumpHost;
  readonly connectTimeoutMs: number;
  readonly commandTimeoutMs: number;
}

/** What Nomad fingerprinted for a client, compared later with what the client says now. */
export const nomadFingerprintSchema = z.object({
  id: z.string(),
  name: z.string(),
  publicIpv4: z.string().nullable(),
  localIpv4: z.string().nullable(),
  instanceId: z.string().nullable(),
});
export type NomadFingerprint = z.infer<typeof nomadFingerprintSchema>;

/** A Nomad node as the report lists it: inspected, or why not. */
export const discoveredNodeSchema = z.object({
  name: z.string(),
  address: z.string(),
  status: z.string(),
  drain: z.boolean(),
  eligibility: z.string(),
  /** null when inspected; otherwise why not (down, draining, ineligible, an address refused, beyond nomad.maxNodes). */
  skipped: z.string().nullable(),
  /** The inventory client it is, when the inventory lists the same address. */
  inventoryName: z.string().nullable(),
});
export type DiscoveredNode = z.infer<typeof discoveredNodeSchema>;

export const nomadDiscoverySchema = z.object({ address: z.string(), error: z.string().nullable(), nodes: z.array(discoveredNodeSchema) });
export type NomadDiscovery = z.infer<typeof nomadDiscoverySchema>;

/** One Nomad client to inspect. `host` is where the dashboard reaches its sshd. */
export interface Target {
  readonly name: string;
  readonly host: string;
  readonly port: number;
  readonly user: string;
  readonly source: "inventory" | "nomad";
  readonly nomad?: NomadFingerprint;
  /** The container runtime the inventory declares (never what the client says): Podman changes the rerun range. */
  readonly runtime?: "docker" | "podman";
}

export interface NomadSettings {
  /** The Nomad server API; absent when discovery goes only through a client's agent (`via`). */
  readonly address?: string;
  /** An inventory client whose local agent (127.0.0.1:4646, over SSH) lists the fleet, when the server API is unreachable. */
  readonly via?: string;
  /** Name of the env variable holding the ACL token (never the token itself). */
  readonly tokenEnv?: string;
  readonly caFile?: string;
  /** Discovered nodes are inspected only inside these; empty: only at their own fingerprinted address. */
  readonly allowCidrs: readonly string[];
  /** At most this many discovered nodes are inspected; the rest are listed as skipped. */
  readonly maxNodes: number;
}

/** A host reached over SSH whose sshd probes on our behalf (direct-tcpip), e.g. an office bastion. */
export interface Vantage {
  readonly name: string;
  readonly host: string;
  readonly port: number;
  readonly user: string;
  /** The known-good target that proves the vantage works; default: the first inspected client's sshd. */
  readonly check?: { readonly host: string; readonly port: number };
}

/** A machine-executor VM: users reach it on 54782, Nomad clients on 22 and 2376. */
export interface Machine {
  readonly name: string;
  readonly host: string;
}

export interface RerunSettings {
  readonly ports: PortRange;
  /** Whether `rerun.ports` was written in the inventory (then it holds for Podman clients too). */
  readonly portsExplicit: boolean;
  readonly podmanPorts: PortRange;
}

export interface Inventory {
  readonly file: string;
  /** Not errors, but worth the admin's eye: "fleet.yaml:4: ssh.proxyCommand: unknown key, ignored". */
  readonly warnings: readonly string[];
  readonly ssh: SshSettings;
  readonly rerun: RerunSettings;
  /** `terraformModule`: the server-terraform nomad-aws tag, when the admin names it. */
  readonly server: { readonly version: string; readonly terraformModule?: string };
  /** CIDRs the dashboard may probe even when an advertised IP is not corroborated by the client. */
  readonly probe: { readonly allowCidrs: readonly string[] };
  readonly clients: readonly Target[];
  readonly nomad?: NomadSettings;
  readonly vantages: readonly Vantage[];
  /** The CircleCI services machine as the Nomad clients reach it. */
  readonly services: { readonly host: string } | null;
  readonly machines: readonly Machine[];
  /** `schedule:` and `alerts:`, when the file has either (issue 16). */
  readonly watch?: WatchSettings;
  /** The users' source networks (IPv4 CIDRs): data for the clients' firewall and route checks, never probed. */
  readonly users?: { readonly cidrs: readonly string[] } | null;
}

export const DEFAULT_RERUN_PORTS: PortRange = { from: 64535, to: 65535 };
export const DEFAULT_PODMAN_PORTS: PortRange = { from: 32768, to: 60999 };
export const NEWEST_SERVER_VERSION = "4.8";
