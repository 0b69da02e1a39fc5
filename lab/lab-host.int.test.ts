// The host scenarios are what they claim, seen with OpenSSH, curl and iptables only; assumes `npm run lab -- up` ran.
import { execFile } from "node:child_process";
import { beforeAll, describe, expect, it } from "vitest";
import { readManifest } from "./state";
import type { LabClient, LabManifest } from "./types";

let lab: LabManifest;
beforeAll(() => {
  lab = readManifest();
});

const client = (name: string): LabClient => {
  const c = lab.clients.find((x) => x.name === name);
  if (!c) throw new Error(`the lab has no client ${name}; bring it up with every scenario`);
  return c;
};

function ssh(c: LabClient, command: string): Promise<{ code: number; stdout: string }> {
  const args = ["-i", lab.identityFile, "-o", "BatchMode=yes", "-o", `UserKnownHostsFile=${lab.knownHostsFile}`, "-o", "ConnectTimeout=3"];
  return new Promise((resolve) => {
    execFile("ssh", [...args, "-F", "/dev/null", `root@${c.privateIp}`, command], { timeout: 20_000 }, (err, stdout) => {
      resolve({ code: err ? (typeof err.code === "number" ? err.code : -1) : 0, stdout: String(stdout) });
    });
  });
}

describe("host scenarios", () => {
  it("host-input-drops-rerun holds the drop in its own INPUT chain; a security group's drop is not there", async () => {
    expect((await ssh(client("host-input-drops-rerun"), "iptables -S INPUT")).stdout).toContain(
      "-A INPUT -p tcp -m tcp --dport 64535:65535 -j DROP",
    );
    const sg = await ssh(client("sg-drops-rerun-range"), "iptables -S INPUT; iptables -t raw -S PREROUTING");
    expect(sg.stdout).not.toMatch(/-A INPUT .*64535/);
    expect(sg.stdout).toContain("-A PREROUTING -p tcp -m tcp --dport 64535:65535 -j DROP");
  });

  it("host-nft-drops-rerun drops the range in its own nftables table, which iptables -S does not show", async () => {
    const c = client("host-nft-drops-rerun");
    const ruleset = (await ssh(c, "nft list table inet filter")).stdout;
    expect(ruleset).toMatch(/type filter hook input priority filter; policy accept;\n\t+tcp dport 64535-65535 drop\n/);
    expect((await ssh(c, "iptables -S INPUT")).stdout.trim()).toBe("-P INPUT ACCEPT");
  });

  it("docker-user-blocked-users has server-terraform's DOCKER-USER rules, blocked_cidrs first", async () => {
    const lines = (await ssh(client("docker-user-blocked-users"), "iptables -S DOCKER-USER")).stdout.trim().split("\n");
    expect(lines).toEqual([
      "-N DOCKER-USER",
      "-A DOCKER-USER -d 10.0.0.0/16 -i br+ -j DROP",
      "-A DOCKER-USER -d 10.0.0.0/16 -i docker+ -j DROP",
      "-A DOCKER-USER -d 169.254.0.0/16 -i br+ -j DROP",
      "-A DOCKER-USER -d 169.254.0.0/16 -i docker+ -j DROP",
      "-A DOCKER-USER -j RETURN",
    ]);
  });

  it("users-overlap-docker-bridge routes the users' addresses into docker0; a healthy client has no route there", async () => {
    expect((await ssh(client("users-overlap-docker-bridge"), "ip -4 route get 10.10.200.1")).stdout).toMatch(
      /^10\.10\.200\.1 dev docker0 /,
    );
    const healthy = await ssh(client("healthy-imdsv1"), "ip -4 route get 10.10.200.1 2>&1");
    expect(healthy.stdout).toMatch(/Network is unreachable/);
  });

  it("nomad-agent-draining's agent serves its node in Nomad's shapes on 127.0.0.1:4646 only", async () => {
    const c = client("nomad-agent-draining");
    const self = JSON.parse((await ssh(c, "curl -s -m 2 http://127.0.0.1:4646/v1/agent/self")).stdout) as {
      stats: { client: { node_id: string } };
    };
    expect(self.stats.client.node_id).toBe(c.nomadNodeId);
    const node = JSON.parse((await ssh(c, `curl -s -m 2 http://127.0.0.1:4646/v1/node/${c.nomadNodeId}`)).stdout) as Record<
      string,
      unknown
    >;
    expect(node).toMatchObject({ ID: c.nomadNodeId, Name: c.name, Status: "ready", Drain: true, SchedulingEligibility: "ineligible" });
    expect(node.Attributes).toMatchObject({ "unique.platform.aws.instance-id": c.instanceId, "unique.network.ip-address": c.privateIp });
    const nodes = JSON.parse((await ssh(c, "curl -s -m 2 http://127.0.0.1:4646/v1/nodes")).stdout) as { Name: string }[];
    expect(nodes.map((n) => n.Name)).toEqual(expect.arrayContaining(["nomad-agent-ready", "nomad-agent-draining", "nomad-decoy-down"]));
    expect((await ssh(c, `curl -s -m 2 -o /dev/null -w '%{http_code}' http://${c.privateIp}:4646/v1/nodes`)).stdout).toBe("000");
    expect(
      (await ssh(client("healthy-imdsv1"), "curl -s -m 2 -o /dev/null -w '%{http_code}' http://127.0.0.1:4646/v1/agent/self")).stdout,
    ).toBe("000");
  });

  it("non-root-no-sudo's sessions see uid 1000 and a sudo that refuses without a password", async () => {
    const r = await ssh(client("non-root-no-sudo"), 'id -u; sudo -n true 2>&1; echo "exit=$?"');
    expect(r.stdout.trim().split("\n")).toEqual(["1000", "sudo: a password is required", "exit=1"]);
  });

  it("nomad-agent-mtls answers on https://localhost:4646 only with the client certificate under /etc/ssl/nomad", async () => {
    const c = client("nomad-agent-mtls");
    const tls = "--cacert /etc/ssl/nomad/ca.pem --cert /etc/ssl/nomad/client.pem --key /etc/ssl/nomad/key.pem";
    const code = (extra: string) => `curl -s -m 2 ${extra} -o /dev/null -w '%{http_code}' https://localhost:4646/v1/agent/self`;
    expect((await ssh(c, code(tls))).stdout).toBe("200");
    expect((await ssh(c, code("--cacert /etc/ssl/nomad/ca.pem"))).stdout).toBe("000");
    expect((await ssh(c, "curl -s -m 2 -o /dev/null -w '%{http_code}' http://127.0.0.1:4646/v1/agent/self")).stdout).toBe("000");
  });
});
