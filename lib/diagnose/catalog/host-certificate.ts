import type { Target } from "../../inventory/types";
import { hostArg } from "./words";

/** SSH_HOST_KEY_UNKNOWN's text for a host known_hosts vouches for only with `@cert-authority` lines. */
export function certAuthorityText(target: Target, presented: string, lines: readonly number[], verifyOutOfBand: string) {
  return {
    title: `${target.name} is known only through a host certificate authority`,
    detail:
      `${target.host}:${target.port} presented ${presented}; known_hosts vouches for it only with ` +
      `@cert-authority (${lines.length === 1 ? "line" : "lines"} ${lines.join(", ")}), and host certificates are not supported ` +
      "(the SSH library cannot verify them), so the key was neither trusted nor pinned, whatever ssh.hostKeyPolicy says. " +
      "Nothing else was run on this host.",
    remediation:
      `${verifyOutOfBand}, then add the host's plain key: \`ssh-keyscan -p ${target.port} ${hostArg(target.host)} >> KNOWN_HOSTS\` ` +
      "(the inventory's ssh.knownHostsFile). The @cert-authority line may stay; it is ignored here.",
  };
}
