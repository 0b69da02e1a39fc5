import { describe, expect, it } from "vitest";
import { hostCommand, userAddresses } from "./host-checks";
import { firewallFacts, HostParseError, nomadAgentFacts, parseAgentNode, splitHostOutput } from "./host-parse";
import { HOST_SCRIPT, NOMAD_LIST_SCRIPT } from "./host-script";

/** GET /v1/node/:id as Nomad's API docs show it (trimmed), with env_aws.go's attribute names. */
const NODE = {
  ID: "f7476465-4d6e-c0de-26d0-e383c49be941",
  Name: "ip-10-0-1-12",
  Datacenter: "dc1",
  Status: "ready",
  StatusDescription: "",
  SchedulingEligibility: "ineligible",
  Drain: true,
  DrainStrategy: { Deadline: 3600000000000, ForceDeadline: "2026-12-02T10:00:00Z", IgnoreSystemJobs: false },
  Attributes: {
    "unique.platform.aws.public-ipv4": "198.51.100.131",
    "unique.platform.aws.instance-id": "i-0123456789abcdef0",
    "unique.network.ip-address": "10.0.1.12",
    "driver.docker.version": "24.0.7",
    "os.name": "ubuntu",
  },
  Drivers: { docker: { Detected: true, Healthy: true } },
};

function output(lines: string[], node = ""): Buffer {
  return Buffer.from(
    ["noise from a bashrc", "rd-host-begin 1", ...lines, `rd-host-blobs node:${Buffer.byteLength(node)}`].join("\n") +
      `\n${node}\nrd-host-end 1\n`,
  );
}

describe("host-check output", () => {
  it("reads the agent's node, keeping only platform and network attributes", () => {
    const out = splitHostOutput(
      output(
        ["nomad.tool curl", "nomad.addr http://127.0.0.1:4646", "nomad.self 200", `nomad.id ${NODE.ID}`, "nomad.node 200"],
        JSON.stringify(NODE),
      ),
    );
    expect(out.complete).toBe(true);
    const facts = nomadAgentFacts(out);
    expect(facts).toMatchObject({ selfStatus: 200, nodeId: NODE.ID, nodeStatus: 200, problem: null });
    expect(facts.node).toEqual({
      id: NODE.ID,
      name: "ip-10-0-1-12",
      status: "ready",
      statusDescription: "",
      eligibility: "ineligible",
      drain: true,
      attributes: {
        "unique.platform.aws.public-ipv4": "198.51.100.131",
        "unique.platform.aws.instance-id": "i-0123456789abcdef0",
        "unique.network.ip-address": "10.0.1.12",
      },
    });
  });

  it("says no agent answered, and what a node answer that is not one was", () => {
    const none = nomadAgentFacts(splitHostOutput(output(["nomad.tool curl", "nomad.self 000"])));
    expect(none).toMatchObject({ selfStatus: null, nodeId: null, node: null, problem: null });
    expect(parseAgentNode(Buffer.from("<html>502</html>")).problem).toMatch(/not JSON/);
    expect(parseAgentNode(Buffer.from('{"ID": 3}')).problem).toMatch(/not a node/);
  });

  it("takes Drain from DrainStrategy on agents that have no Drain field", () => {
    const { Drain: _drain, ...old } = NODE;
    expect(parseAgentNode(Buffer.from(JSON.stringify(old))).node?.drain).toBe(true);
    expect(parseAgentNode(Buffer.from(JSON.stringify({ ...old, DrainStrategy: null }))).node?.drain).toBe(false);
  });

  it("groups rules by chain, with each listing's exit status, and routes by address", () => {
    const fw = firewallFacts(
      splitHostOutput(
        output([
          "fw.uid 0",
          "fw.priv root",
          "fw.chain INPUT 0",
          "fw.rule INPUT -P INPUT ACCEPT",
          "fw.rule INPUT -A INPUT -p tcp -m tcp --dport 64535:65535 -j DROP",
          "fw.chain FORWARD 0",
          "fw.rule FORWARD -P FORWARD DROP",
          "fw.chain DOCKER-USER 1",
          "fw.rule DOCKER-USER iptables: No chain/target/match by that name.",
          "fw.route 10.10.200.1 10.10.200.1 dev docker0 src 10.10.0.1 uid 0",
          "fw.route 10.20.0.1 RTNETLINK answers: Network is unreachable",
        ]),
      ),
    );
    expect(fw).toMatchObject({ uid: 0, privilege: "root", iptables: "read", nft: null });
    expect(fw.chains).toEqual([
      { chain: "INPUT", exit: 0, lines: ["-P INPUT ACCEPT", "-A INPUT -p tcp -m tcp --dport 64535:65535 -j DROP"] },
      { chain: "FORWARD", exit: 0, lines: ["-P FORWARD DROP"] },
      { chain: "DOCKER-USER", exit: 1, lines: ["iptables: No chain/target/match by that name."] },
    ]);
    expect(fw.routes).toEqual([
      { address: "10.10.200.1", line: "10.10.200.1 dev docker0 src 10.10.0.1 uid 0" },
      { address: "10.20.0.1", line: "RTNETLINK answers: Network is unreachable" },
    ]);
  });

  it("knows a login that could not read the rules", () => {
    const fw = firewallFacts(splitHostOutput(output(["fw.uid 1000", "fw.priv sudo-password"])));
    expect(fw).toMatchObject({ uid: 1000, privilege: "sudo-password", iptables: "not-read", chains: [] });
  });

  it("refuses output that is not the script's", () => {
    expect(() => splitHostOutput(Buffer.from("Welcome!\n"))).toThrow(HostParseError);
  });
});

describe("the host-check command", () => {
  it("takes one address per users' CIDR, its first host", () => {
    expect(userAddresses(["10.10.0.0/16", "198.51.100.7/32", "10.0.0.0/31", "10.9.8.77/24"])).toEqual([
      { cidr: "10.10.0.0/16", address: "10.10.0.1" },
      { cidr: "198.51.100.7/32", address: "198.51.100.7" },
      { cidr: "10.0.0.0/31", address: "10.0.0.0" },
      { cidr: "10.9.8.77/24", address: "10.9.8.1" },
    ]);
    expect(userAddresses(Array.from({ length: 12 }, (_, i) => `10.${i}.0.0/16`))).toHaveLength(8);
  });

  it("passes only IPv4 addresses, as arguments of the fixed script", () => {
    expect(hostCommand(["10.10.0.1", "198.51.100.7"])).toBe("sh -s -- 10.10.0.1 198.51.100.7");
    expect(() => hostCommand(["10.0.0.1; reboot"])).toThrow(/not an IPv4 address/);
    expect(hostCommand([])).toBe("sh -s --");
  });

  it("is fixed text: no interpolation left, fixed certificate paths, sudo only with -n", () => {
    for (const script of [HOST_SCRIPT, NOMAD_LIST_SCRIPT]) {
      expect(script).not.toContain("${");
      expect(script).toContain("--cacert $S/ca.pem --cert $S/client.pem --key $S/key.pem");
      expect(script).toContain("S=/etc/ssl/nomad");
      // Everything the parser reads comes after the begin mark (a login's banner or bashrc noise comes before).
      expect(script.indexOf('echo "rd-host-begin 1"')).toBeLessThan(script.indexOf('echo "nomad.tool'));
      expect(script.match(/rd-host-begin/g)).toHaveLength(1);
    }
    // Every sudo runs with -n (fails at once instead of asking for a password); the other is `command -v sudo >/dev/null`.
    expect(new Set([...HOST_SCRIPT.matchAll(/\bsudo (-n|>\/dev\/null|\S+)/g)].map((m) => m[1]))).toEqual(new Set(["-n", ">/dev/null"]));
    expect(HOST_SCRIPT).toContain('P="sudo -n"');
  });
});
