import type { ImdsFacts } from "../../collect/types";
import { shellQuote } from "../../common/shell";

export const OVERRIDE_PATH = "/etc/circleci/public-ipv4";

/** A boot-script line that never writes an empty or error-page override (curl -f, -n test). */
export const TOKEN_BOOT_SCRIPT =
  "TOKEN=$(curl -sX PUT http://169.254.169.254/latest/api/token -H 'X-aws-ec2-metadata-token-ttl-seconds: 300'); " +
  'IP=$(curl -sfH "X-aws-ec2-metadata-token: $TOKEN" http://169.254.169.254/latest/meta-data/local-ipv4) && ' +
  `[ -n "$IP" ] && mkdir -p /etc/circleci && echo "$IP" > ${OVERRIDE_PATH}`;

export const BOOT_SCRIPT_ADVICE =
  `Write ${OVERRIDE_PATH} from the Nomad clients' boot script (user data of their launch template) with an IMDSv2 token: ` +
  `\`${TOKEN_BOOT_SCRIPT}\` (use meta-data/public-ipv4 instead of local-ipv4 when users connect over the Internet), ` +
  "then run it once on this client; outer reads the file for every new job.";

export function httpStatus(status: number | null): string {
  return status === null ? "no answer" : `HTTP ${status}`;
}

export function imdsSummary(imds: ImdsFacts): string {
  return (
    `IMDS token PUT: ${httpStatus(imds.tokenStatus)}; tokenless GET public-ipv4: ${httpStatus(imds.tokenlessStatus)}; ` +
    `public-ipv4: ${httpStatus(imds.publicIpv4.status)}`
  );
}

/** "a, b and c" with at most `max` names shown. */
export function listNames(names: readonly string[], max = 10): string {
  const shown = names.slice(0, max);
  const hidden = names.length - shown.length;
  if (hidden > 0) return `${shown.join(", ")} and ${hidden} more`;
  if (shown.length <= 1) return shown.join("");
  return `${shown.slice(0, -1).join(", ")} and ${shown[shown.length - 1]}`;
}

export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}

/** An EC2 instance ID fit for a command line, or a placeholder: the value comes from the client. */
export function instanceIdArg(imds: ImdsFacts): string {
  const id = imds.instanceId.status === 200 ? (imds.instanceId.value ?? "") : "";
  return /^i-[0-9a-f]{8,17}$/.test(id) ? id : "INSTANCE_ID";
}

/** A host (from the inventory, already validated) quoted for a shell command an admin may paste. */
export const hostArg = (host: string): string => shellQuote(host);
