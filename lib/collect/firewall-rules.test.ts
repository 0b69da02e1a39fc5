import { describe, expect, it } from "vitest";
import { parseIptablesRule, tokenize } from "./firewall-rules";

describe("iptables -S rules", () => {
  it("tokenizes quoted comments as iptables-save writes them", () => {
    expect(tokenize('-A INPUT -p tcp -m comment --comment "allow \\"ssh\\" reruns" -j ACCEPT')).toEqual([
      "-A",
      "INPUT",
      "-p",
      "tcp",
      "-m",
      "comment",
      "--comment",
      'allow "ssh" reruns',
      "-j",
      "ACCEPT",
    ]);
  });

  it("reads a drop of the rerun range", () => {
    expect(parseIptablesRule("-A INPUT -p tcp -m tcp --dport 64535:65535 -j DROP")).toMatchObject({
      chain: "INPUT",
      source: null,
      protocol: "tcp",
      dports: [{ from: 64535, to: 65535 }],
      target: "DROP",
      unknown: [],
    });
  });

  it("reads multiport lists, sources, interfaces and states", () => {
    const rule = parseIptablesRule(
      "-A INPUT -s 10.20.0.0/16 -i ens5 -p tcp -m conntrack --ctstate NEW -m multiport --dports 22,60000:65535 " +
        "-j REJECT --reject-with icmp-port-unreachable",
    );
    expect(rule).toMatchObject({
      source: "10.20.0.0/16",
      inInterface: "ens5",
      states: ["NEW"],
      dports: [
        { from: 22, to: 22 },
        { from: 60000, to: 65535 },
      ],
      target: "REJECT",
      unknown: [],
    });
  });

  it("reads server-terraform's DOCKER-USER rule", () => {
    expect(parseIptablesRule("-A DOCKER-USER -d 10.0.0.0/16 -i docker+ -j DROP")).toMatchObject({
      chain: "DOCKER-USER",
      destination: "10.0.0.0/16",
      inInterface: "docker+",
      dports: null,
      target: "DROP",
      unknown: [],
    });
  });

  it("keeps what it does not model as unknown: negations, other modules, source ports", () => {
    expect(parseIptablesRule("-A INPUT ! -s 10.0.0.0/8 -p tcp --dport 64535:65535 -j DROP")!.unknown).toEqual(["!"]);
    expect(parseIptablesRule("-A INPUT -p tcp -m set --match-set blocked src -j DROP")!.unknown).toContain("-m set");
    expect(parseIptablesRule("-A INPUT -p tcp --sport 53 -j DROP")!.unknown).toEqual(["--sport"]);
  });

  it("ignores policies, chain creations and error lines", () => {
    expect(parseIptablesRule("-P INPUT DROP")).toBeNull();
    expect(parseIptablesRule("-N DOCKER-USER")).toBeNull();
    expect(parseIptablesRule("iptables: No chain/target/match by that name.")).toBeNull();
  });

  it("writes single hosts as /32 and 0.0.0.0/0 as any", () => {
    expect(parseIptablesRule("-A INPUT -s 0.0.0.0/0 -d 198.51.100.7 -j DROP")).toMatchObject({
      source: null,
      destination: "198.51.100.7/32",
    });
  });
});
