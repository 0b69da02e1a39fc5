import { stringify } from "yaml";
import { LAB_PUBLIC_CIDR } from "./addresses";
import { LAB_USER_CIDRS } from "./host-scenarios";
import type { LabClient } from "./types";

export interface InventoryPaths {
  readonly identityFile: string;
  readonly knownHostsFile: string;
}

/** The inventory in the contract's format, with the lab's probe allowance. */
export function renderInventory(clients: readonly LabClient[], paths: InventoryPaths): string {
  const doc = {
    ssh: { user: "root", identityFile: paths.identityFile, knownHostsFile: paths.knownHostsFile, hostKeyPolicy: "strict" },
    rerun: { ports: "64535-65535" },
    probe: { allowCidrs: [LAB_PUBLIC_CIDR] },
    users: { cidrs: [...LAB_USER_CIDRS] },
    clients: clients.map((c) => ({ name: c.name, host: c.privateIp, port: 22 })),
  };
  return `# Written by \`npm run lab -- up\`: the lab's simulated Nomad clients.\n${stringify(doc)}`;
}

/** Strips the comment of an OpenSSH public key line: "ssh-ed25519 AAAA... comment". */
export function keyTypeAndBlob(pubLine: string): string {
  const [type, blob] = pubLine.trim().split(/\s+/);
  if (!type || !blob) throw new Error(`not an OpenSSH public key: ${pubLine.slice(0, 60)}`);
  return `${type} ${blob}`;
}

/** One plain (unhashed) line per address; `keyFor` gives the key the admin believes in. */
export function renderKnownHosts(clients: readonly LabClient[], keyFor: (c: LabClient) => string): string {
  const lines: string[] = [];
  for (const c of clients) {
    const key = keyTypeAndBlob(keyFor(c));
    for (const ip of [c.privateIp, c.publicIp]) if (ip) lines.push(`${ip} ${key}`);
  }
  return lines.join("\n") + (lines.length ? "\n" : "");
}

export interface SshdConfigInput {
  readonly port: number;
  readonly hostKey: string;
  readonly authorizedKeysFile: string;
  readonly pidFile: string;
  readonly forceCommand?: string | null;
}

export function renderSshdConfig(i: SshdConfigInput): string {
  return [
    "# Written by the rerun-doctor lab.",
    `Port ${i.port}`,
    "ListenAddress 0.0.0.0",
    `HostKey ${i.hostKey}`,
    `AuthorizedKeysFile ${i.authorizedKeysFile}`,
    "PermitRootLogin prohibit-password",
    "PasswordAuthentication no",
    "KbdInteractiveAuthentication no",
    "UsePAM no",
    "StrictModes no",
    `PidFile ${i.pidFile}`,
    "LogLevel VERBOSE",
    "MaxStartups 100:30:200",
    "PrintMotd no",
    "Subsystem sftp /usr/lib/openssh/sftp-server",
    ...(i.forceCommand ? [`ForceCommand ${i.forceCommand}`] : []),
    "",
  ].join("\n");
}

/** Replaces root's slow ~/.bashrc inside lab namespaces. */
export const TRIVIAL_BASHRC = "# rerun-doctor lab: a trivial bashrc keeps SSH commands fast.\n";
