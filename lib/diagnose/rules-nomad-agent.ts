import type { HostChecksOutcome, NomadAgentNode } from "../collect/host-types";
import type { NomadFingerprint } from "../inventory/types";
import { finding } from "./catalog";
import type { Finding } from "./types";

/** The first GCE external IP Nomad fingerprinted (`unique.platform.gce.network.<net>.external-ip.0`, env_gce.go). */
function gce(attributes: Readonly<Record<string, string>>, suffix: RegExp): string | null {
  const key = Object.keys(attributes)
    .sort()
    .find((k) => k.startsWith("unique.platform.gce.network.") && suffix.test(k));
  return key ? attributes[key]! : null;
}

/** What the client's own agent fingerprinted, in the shape server-API discovery gives (env_aws.go / env_gce.go names). */
export function agentFingerprint(node: NomadAgentNode): NomadFingerprint {
  const a = node.attributes;
  return {
    id: node.id,
    name: node.name,
    publicIpv4: a["unique.platform.aws.public-ipv4"] ?? gce(a, /\.external-ip\.0$/),
    localIpv4: a["unique.platform.aws.local-ipv4"] ?? gce(a, /\.ip$/),
    instanceId: a["unique.platform.aws.instance-id"] ?? a["unique.platform.gce.id"] ?? null,
  };
}

export const agentNode = (host: HostChecksOutcome | undefined): NomadAgentNode | null => (host?.ok ? host.checks.nomadAgent.node : null);

/** Node status as the client's own agent reads it from the servers: jobs, SSH reruns included, land only on schedulable nodes. */
export function nomadAgentFindings(host: HostChecksOutcome | undefined): Finding[] {
  const node = agentNode(host);
  if (!node) return [];
  const schedulable = node.status === "ready" && !node.drain && node.eligibility === "eligible";
  return schedulable ? [] : [finding("NOMAD_NODE_UNSCHEDULABLE", "warning", { node })];
}
