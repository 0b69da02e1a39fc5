import { describe, expect, it } from "vitest";
import { parseNftRuleset } from "./nft-rules";

const RULESET = [
  "table ip filter {",
  "\tchain INPUT {",
  "\t\ttype filter hook input priority filter; policy accept;",
  "\t\ttcp dport 64535-65535 counter packets 0 bytes 0 drop",
  "\t}",
  "}",
  "table inet filter {",
  "\tchain input {",
  "\t\ttype filter hook input priority filter; policy accept;",
  "\t\tct state established,related accept",
  "\t\tip saddr 10.20.0.0/16 tcp dport { 22, 64535-65535 } counter packets 3 bytes 180 drop",
  '\t\ttcp dport 8080 reject with tcp reset comment "old app"',
  "\t}",
  "\tchain forward {",
  "\t\ttype filter hook forward priority filter; policy drop;",
  '\t\tip daddr 10.0.0.0/16 iifname "docker0" drop',
  "\t}",
  "\tchain helper {",
  "\t\ttcp dport 1-65535 drop",
  "\t}",
  "}",
];

describe("nft list ruleset", () => {
  it("reads rules of input and forward base chains, skipping iptables-nft's tables when iptables was read", () => {
    const rules = parseNftRuleset(RULESET, true);
    expect(rules.map((r) => [r.chain, r.target])).toEqual([
      ["INPUT", "ACCEPT"],
      ["INPUT", "DROP"],
      ["INPUT", "REJECT"],
      ["FORWARD", "DROP"],
    ]);
    expect(rules[0]!.states).toEqual(["ESTABLISHED", "RELATED"]);
    expect(rules[1]).toMatchObject({
      source: "10.20.0.0/16",
      protocol: "tcp",
      dports: [
        { from: 22, to: 22 },
        { from: 64535, to: 65535 },
      ],
      unknown: [],
    });
    expect(rules[1]!.raw).toMatch(/^nft inet filter input: ip saddr/);
    expect(rules[3]).toMatchObject({ destination: "10.0.0.0/16", inInterface: "docker0", unknown: [] });
  });

  it("reads iptables-nft's tables too when iptables could not be read", () => {
    expect(parseNftRuleset(RULESET, false)[0]).toMatchObject({ chain: "INPUT", dports: [{ from: 64535, to: 65535 }], target: "DROP" });
  });

  it("keeps unknown matches as unknown", () => {
    const rules = parseNftRuleset(
      ["table inet f {", "chain i {", "type filter hook input priority 0;", "ip saddr @blocked drop", "}", "}"],
      true,
    );
    expect(rules[0]!.unknown).toEqual(["ip saddr @blocked"]);
  });
});
