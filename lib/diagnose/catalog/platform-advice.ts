import type { ClientFacts } from "../../collect/types";
import type { Platform } from "../platform";
import { BOOT_SCRIPT_ADVICE, httpStatus, OVERRIDE_PATH } from "./words";

const GCP_NIC = "http://169.254.169.254/computeMetadata/v1/instance/network-interfaces/0";

/** nomad-gcp's startup-script logic (research §1.2), with curl -f so an error page is never written. */
export const GCP_BOOT_SCRIPT =
  `EXT=$(curl -sf -H 'Metadata-Flavor: Google' ${GCP_NIC}/access-configs/0/external-ip); ` +
  `[ -n "$EXT" ] || { IP=$(curl -sf -H 'Metadata-Flavor: Google' ${GCP_NIC}/ip) && [ -n "$IP" ] && ` +
  `mkdir -p /etc/circleci && echo "$IP" > ${OVERRIDE_PATH}; }`;

export const GCP_ADVICE =
  `Write ${OVERRIDE_PATH} from the Nomad clients' startup script (the instance template's startup-script, as nomad-gcp's ` +
  `nomad-startup.sh.tpl does when an instance has no external IP): \`${GCP_BOOT_SCRIPT}\`, then run it once on this client. ` +
  "Or give the clients external IPs: assign_public_ip = true in the nomad-gcp module (its default).";

export const AZURE_BOOT_SCRIPT =
  "IP=$(curl -sf -H 'Metadata: true' 'http://169.254.169.254/metadata/instance/network/interface/0/ipv4/ipAddress/0/" +
  `privateIpAddress?api-version=2021-02-01&format=text') && [ -n "$IP" ] && mkdir -p /etc/circleci && echo "$IP" > ${OVERRIDE_PATH}`;

export const AZURE_ADVICE =
  `CircleCI's agent reads no Azure metadata, so ${OVERRIDE_PATH} is its only source: write it from the VMs' custom data ` +
  `(cloud-init) or the scale set's startup script: \`${AZURE_BOOT_SCRIPT}\` for users inside the VNet (VPN, peering, bastion); ` +
  "for users on the Internet write the VM's public IP instead (from Terraform or `az vm list-ip-addresses`), since Azure IMDS " +
  "leaves publicIpAddress empty for Standard-SKU public IPs. Then run it once on this client.";

export const BARE_METAL_ADVICE =
  `Without cloud metadata CircleCI cannot discover an address: ${OVERRIDE_PATH} is the only source, and the air-gapped ` +
  "install's Nomad client steps do not write it. Add it to the host's provisioning (the script or playbook that installs the " +
  `Nomad client): \`mkdir -p /etc/circleci && echo ADDRESS > ${OVERRIDE_PATH}\` with the IPv4 address users SSH to, on every client.`;

/** How to write the override, in the terms of the client's platform. */
export function overrideAdvice(platform: Platform): string {
  if (platform === "gcp") return GCP_ADVICE;
  if (platform === "azure") return AZURE_ADVICE;
  if (platform === "none") return BARE_METAL_ADVICE;
  return BOOT_SCRIPT_ADVICE;
}

/** What GCP and Azure metadata answered, for details. */
export function cloudSummary(facts: ClientFacts, platform: Platform): string {
  const { gcp, azure } = facts.cloud ?? { gcp: null, azure: null };
  if (platform === "gcp" && gcp) {
    const external = `${httpStatus(gcp.externalIpStatus)}${gcp.externalIp ? ` (${gcp.externalIp})` : ""}`;
    const internal = `${httpStatus(gcp.internalIpStatus)}${gcp.internalIp ? ` (${gcp.internalIp})` : ""}`;
    return `GCP metadata (Metadata-Flavor: Google): external-ip ${external}, ip ${internal}`;
  }
  if (platform === "azure" && azure) {
    return (
      `Azure IMDS (Metadata: true): network ${httpStatus(azure.status)}, private IP ${azure.privateIp ?? "none"}, ` +
      `public IP ${azure.publicIp ?? "empty"}`
    );
  }
  return "";
}
