import { NAT_GATEWAY_IP } from "./addresses";
import { BASE_SCENARIO as base } from "./scenario-base";
import type { Scenario } from "./types";

/** GCP's default VPC range; data only: the lab never routes it, and the dashboard never probes a client's private claim. */
export const GCP_VPC_ADDRESS = "10.128.0.7";

/** Clients beyond AWS, and evidence of staleness (issue 13): GCP, Azure, bare metal, a file older than the boot. */
export const CLOUD_SCENARIOS: readonly Scenario[] = [
  {
    ...base,
    name: "gcp-external-ip",
    description: "GCP instance with an external IP and no override (nomad-gcp's default)",
    imds: "gcp",
    expect: { verdict: "ok", codes: [] },
  },
  {
    ...base,
    name: "gcp-private-override",
    description: `GCP instance without an external IP or curl (wget only); the startup script wrote its VPC address ${GCP_VPC_ADDRESS}`,
    imds: "gcp-private",
    noCurl: true,
    publicIp: false,
    vpcAddress: GCP_VPC_ADDRESS,
    override: { kind: "text", text: `${GCP_VPC_ADDRESS}\n` },
    expect: { verdict: "degraded", codes: ["NO_PUBLIC_IP", "ADVERTISED_IP_PRIVATE", "RERUN_PORTS_NOT_PROBED"] },
  },
  {
    ...base,
    name: "bare-metal-no-override",
    description: "no cloud metadata (nothing on 169.254.169.254) and no override file",
    imds: "none",
    publicIp: false,
    expect: { verdict: "broken", codes: ["METADATA_UNREACHABLE", "ADVERTISED_IP_UNDETERMINED"] },
  },
  {
    ...base,
    name: "azure-no-override",
    description: "Azure VM (IMDS publicIpAddress empty, as for Standard-SKU IPs) and no override file",
    imds: "azure",
    expect: { verdict: "broken", codes: ["ADVERTISED_IP_UNDETERMINED"] },
  },
  {
    ...base,
    name: "override-older-than-boot",
    description: "override holds the client's own public IP but was written before this boot",
    override: { kind: "public-ip-of", client: "override-older-than-boot" },
    overrideBeforeBoot: true,
    expect: { verdict: "degraded", codes: ["OVERRIDE_OLDER_THAN_BOOT"] },
  },
  {
    ...base,
    name: "override-nat-gateway",
    description: `no public IP; the override names the subnet's NAT gateway (${NAT_GATEWAY_IP}), which takes no inbound connection`,
    publicIp: false,
    override: { kind: "text", text: `${NAT_GATEWAY_IP}\n` },
    expect: { verdict: "broken", codes: ["OVERRIDE_STALE", "NO_PUBLIC_IP", "RERUN_PORTS_FILTERED"] },
  },
];
