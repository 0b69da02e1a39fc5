import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { runOk } from "./exec";
import { LAB_BLOCKED_CIDR, LAB_DOCKER_NETWORK } from "./host-scenarios";
import type { LabClient } from "./types";

/** `ip -batch` lines inside the namespace: a docker0 bridge on Docker's default network, as dockerd makes it. */
export function hostLinks(c: LabClient): string[] {
  if (!c.dockerBridge) return [];
  return [
    "link add docker0 type bridge",
    "link set dev docker0 addrgenmode none",
    `addr add ${LAB_DOCKER_NETWORK} dev docker0`,
    "link set dev docker0 up",
  ];
}

/** The client's own iptables rules, in the shapes Docker and server-terraform's boot script leave them. */
export function hostFirewallRules(c: LabClient): string[][] {
  if (c.hostFirewall === "input-drops-rerun") return [["-A", "INPUT", "-p", "tcp", "-m", "tcp", "--dport", "64535:65535", "-j", "DROP"]];
  if (c.hostFirewall !== "docker-user-blocked-users") return [];
  // server-terraform's "Securing Docker network interfaces": -I each rule, so the last inserted comes first.
  const insert = (iface: string, cidr: string) => ["-I", "DOCKER-USER", "-i", iface, "-d", cidr, "-j", "DROP"];
  return [
    ["-N", "DOCKER-USER"],
    ["-A", "DOCKER-USER", "-j", "RETURN"],
    ["-A", "FORWARD", "-j", "DOCKER-USER"],
    insert("docker+", "169.254.0.0/16"),
    insert("br+", "169.254.0.0/16"),
    insert("docker+", LAB_BLOCKED_CIDR),
    insert("br+", LAB_BLOCKED_CIDR),
  ];
}

/** `nft -f` input: Debian's /etc/nftables.conf table, which iptables-nft neither makes nor reads (`iptables -S` misses it). */
export function hostNftRuleset(c: LabClient): string | null {
  if (c.hostFirewall !== "nft-drops-rerun") return null;
  return [
    "table inet filter {",
    "  chain input {",
    "    type filter hook input priority 0; policy accept;",
    "    tcp dport 64535-65535 drop",
    "  }",
    "}",
    "",
  ].join("\n");
}

/** Where labd finds an mTLS agent's CA and server certificate. */
export const agentTlsDir = (c: Pick<LabClient, "dir">): string => join(c.dir, "nomad-tls");

/**
 * A CA, a server certificate for localhost and a client certificate, as deploy_nomad_server_instances
 * leaves them: the client's three at /etc/ssl/nomad/{ca,client,key}.pem in its sessions (/etc/netns/NS/ssl).
 */
export async function writeNomadTls(c: LabClient, netnsEtc: string): Promise<void> {
  if (!c.nomadAgent?.tls) return;
  const dir = agentTlsDir(c);
  const ssl = join(netnsEtc, c.namespace, "ssl", "nomad");
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  mkdirSync(ssl, { recursive: true });
  const ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"];
  const ca = [`${ssl}/ca.pem`, `${dir}/ca.key`];
  await runOk("openssl", ["req", "-x509", ...ec, "-keyout", ca[1]!, "-out", ca[0]!, "-days", "2", "-subj", "/CN=rdlab-nomad-ca"]);
  const sign = async (name: string, key: string, cert: string, ext: string[]) => {
    await runOk("openssl", ["req", ...ec, "-keyout", key, "-out", `${dir}/${name}.csr`, "-subj", `/CN=${name}.global.nomad`]);
    await runOk("openssl", [
      "x509",
      "-req",
      "-in",
      `${dir}/${name}.csr`,
      "-CA",
      ca[0]!,
      "-CAkey",
      ca[1]!,
      "-CAcreateserial",
      "-out",
      cert,
      "-days",
      "2",
      ...ext,
    ]);
  };
  writeFileSync(join(dir, "san.ext"), "subjectAltName=DNS:localhost,DNS:server.global.nomad,IP:127.0.0.1\n");
  await sign("server", `${dir}/server.key`, `${dir}/server.pem`, ["-extfile", join(dir, "san.ext")]);
  await sign("client", `${ssl}/key.pem`, `${ssl}/client.pem`, []);
}
