import { describe, expect, it } from "vitest";
import { diagnoseClient } from "./diagnose-client";
import { cidrsOverlap, forwardDropsOfUsers, hostFindings, inputDrops } from "./rules-host";
import { CTX, makeObservation } from "./test-fixtures";
import { DOCKER_FORWARD, firewall, hostChecks, SERVER_TERRAFORM_DOCKER_USER } from "./test-host-fixtures";

const RANGE = { from: 64535, to: 65535 };
const codes = (findings: readonly { code: string }[]) => findings.map((f) => f.code);

describe("host INPUT rules against the rerun range", () => {
  const drops = (lines: string[], users: string[] | null = null) =>
    inputDrops(firewall({ INPUT: ["-P INPUT ACCEPT", ...lines] }), { rerunRange: RANGE, users });

  it("claims a drop of the range, or of part of it, for everyone", () => {
    expect(drops(["-A INPUT -p tcp -m tcp --dport 64535:65535 -j DROP"])).toHaveLength(1);
    expect(drops(["-A INPUT -p tcp -m tcp --dport 65036:65535 -j REJECT --reject-with icmp-port-unreachable"])).toHaveLength(1);
    expect(drops(["-A INPUT -p tcp -m multiport --dports 22,60000:65000 -j DROP"])).toHaveLength(1);
  });

  it("leaves other ports, loopback, udp, other sources and unknown shapes alone", () => {
    expect(drops(["-A INPUT -d 169.254.169.254/32 -p tcp -m tcp --dport 80 -j DROP"])).toEqual([]);
    expect(drops(["-A INPUT -i lo -p tcp --dport 64535:65535 -j DROP"])).toEqual([]);
    expect(drops(["-A INPUT -p udp --dport 64535:65535 -j DROP"])).toEqual([]);
    expect(drops(["-A INPUT -s 10.20.0.0/16 -p tcp --dport 64535:65535 -j DROP"])).toEqual([]);
    expect(drops(["-A INPUT ! -s 10.20.0.0/16 -p tcp --dport 64535:65535 -j DROP"])).toEqual([]);
    expect(drops(["-A INPUT -j DROP"])).toEqual([]); // a catch-all after accepts: which are accepted is not followed
  });

  it("claims a drop from the users' networks only when users are given", () => {
    const rule = "-A INPUT -s 10.20.0.0/16 -p tcp --dport 64535:65535 -j DROP";
    expect(drops([rule], ["10.20.5.0/24"])).toHaveLength(1);
    expect(drops([rule], ["10.30.0.0/16"])).toEqual([]);
  });

  it("does not claim a drop that an earlier accept or a jump to another chain may cover", () => {
    const drop = "-A INPUT -p tcp --dport 64535:65535 -j DROP";
    expect(drops(["-A INPUT -p tcp --dport 64535:65535 -j ACCEPT", drop])).toEqual([]);
    expect(drops(["-A INPUT -j ufw-before-input", drop])).toEqual([]);
    expect(drops(["-A INPUT -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT", "-A INPUT -i lo -j ACCEPT", drop])).toHaveLength(1);
    expect(drops(["-A INPUT -s 10.20.0.0/16 -p tcp --dport 64535:65535 -j ACCEPT", drop], ["10.30.0.0/16"])).toHaveLength(1);
  });

  it("reads nftables input hooks too", () => {
    const fw = firewall(
      {},
      {
        nft: {
          exit: 0,
          lines: ["table inet filter {", "chain input {", "type filter hook input priority 0;", "tcp dport 64535-65535 drop", "}", "}"],
        },
      },
    );
    expect(inputDrops(fw, { rerunRange: RANGE, users: null })).toHaveLength(1);
  });
});

describe("DOCKER-USER and FORWARD against the users' networks", () => {
  const fw = firewall({ FORWARD: DOCKER_FORWARD, "DOCKER-USER": SERVER_TERRAFORM_DOCKER_USER });

  it("names server-terraform's blocked_cidrs rules that drop replies to the users", () => {
    const found = forwardDropsOfUsers(fw, ["10.0.5.0/24", "10.99.0.0/16"]);
    expect(found.map((f) => [f.rule.raw, f.cidrs])).toEqual([
      ["-A DOCKER-USER -d 10.0.0.0/16 -i br+ -j DROP", ["10.0.5.0/24"]],
      ["-A DOCKER-USER -d 10.0.0.0/16 -i docker+ -j DROP", ["10.0.5.0/24"]],
    ]);
  });

  it("never takes the metadata guard for a users' block, and users elsewhere are not blocked", () => {
    expect(forwardDropsOfUsers(fw, ["0.0.0.0/0"]).map((f) => f.rule.destination)).toEqual(["10.0.0.0/16", "10.0.0.0/16"]);
    expect(forwardDropsOfUsers(fw, ["10.99.0.0/16"])).toEqual([]);
  });

  it("does not claim a drop that an earlier conntrack accept lets replies through", () => {
    const exempt = firewall({
      "DOCKER-USER": ["-A DOCKER-USER -m conntrack --ctstate ESTABLISHED,RELATED -j ACCEPT", ...SERVER_TERRAFORM_DOCKER_USER.slice(1)],
    });
    expect(forwardDropsOfUsers(exempt, ["10.0.5.0/24"])).toEqual([]);
  });
});

describe("host findings", () => {
  it("routes into a Docker bridge are named with docker_network_cidr", () => {
    const outcome = hostChecks({
      userAddresses: [
        { cidr: "10.10.200.0/24", address: "10.10.200.1" },
        { cidr: "10.20.0.0/16", address: "10.20.0.1" },
      ],
      firewall: firewall(
        {},
        {
          routes: [
            { address: "10.10.200.1", line: "10.10.200.1 dev docker0 src 10.10.0.1 uid 0" },
            { address: "10.20.0.1", line: "10.20.0.1 via 10.0.1.1 dev ens5 src 10.0.1.12 uid 0" },
          ],
        },
      ),
    });
    const findings = hostFindings(outcome, { rerunRange: RANGE, users: ["10.10.200.0/24", "10.20.0.0/16"] });
    expect(codes(findings)).toEqual(["USERS_ROUTED_TO_DOCKER_BRIDGE"]);
    expect(findings[0]!.title).toContain("10.10.200.0/24");
    expect(findings[0]!.title).not.toContain("10.20.0.0/16");
    expect(findings[0]!.remediation).toContain("docker_network_cidr");
  });

  it("an unreachable route (no default route) is not a claim", () => {
    const outcome = hostChecks({
      userAddresses: [{ cidr: "10.20.0.0/16", address: "10.20.0.1" }],
      firewall: firewall({}, { routes: [{ address: "10.20.0.1", line: "RTNETLINK answers: Network is unreachable" }] }),
    });
    expect(hostFindings(outcome, { rerunRange: RANGE, users: ["10.20.0.0/16"] })).toEqual([]);
  });

  it("says when sudo needs a password, and when the checks did not finish", () => {
    const noSudo = hostChecks({ firewall: firewall({}, { uid: 1000, privilege: "sudo-password", iptables: "not-read", chains: [] }) });
    const [info] = hostFindings(noSudo, { rerunRange: RANGE, users: null });
    expect(info).toMatchObject({ code: "HOST_FIREWALL_NOT_READ", severity: "info" });
    expect(info!.detail).toMatch(/uid 1000.*sudo -n. refused without a password/);
    const failed = hostFindings(
      { ok: false, message: "the host-check command timed out (idle, 10 bytes read)" },
      { rerunRange: RANGE, users: null },
    );
    expect(failed[0]!.detail).toContain("timed out");
  });

  it("a client's firewall dropping the range breaks it, with the rule quoted and escaped", () => {
    const rule = '-A INPUT -p tcp -m tcp --dport 64535:65535 -m comment --comment "\u001b[31mred" -j DROP';
    const obs = { ...makeObservation(), host: hostChecks({ firewall: firewall({ INPUT: [rule] }) }) };
    const diagnosis = diagnoseClient(obs, CTX);
    expect(diagnosis.verdict).toBe("broken");
    const found = diagnosis.findings.find((f) => f.code === "HOST_FIREWALL_DROPS_RERUN")!;
    expect(found.detail).toContain("from every source");
    expect(found.detail).toContain("\\x1b[31mred");
    expect(found.remediation).toContain("iptables -I INPUT -p tcp --dport 64535:65535 -j ACCEPT");
  });

  it("CIDRs overlap when either holds part of the other", () => {
    expect(cidrsOverlap("10.0.0.0/8", "10.10.0.0/16")).toBe(true);
    expect(cidrsOverlap("10.10.0.0/16", "10.10.200.7/32")).toBe(true);
    expect(cidrsOverlap("10.10.0.0/16", "10.11.0.0/16")).toBe(false);
  });
});

describe("host findings name where the users' network came from", () => {
  const FROM_USER = "users (reported by T-123)";
  const networks = [
    { cidr: "10.20.0.0/16", source: "inventory" },
    { cidr: "10.0.5.9/32", source: FROM_USER },
    { cidr: "10.10.200.7/32", source: FROM_USER },
  ];
  const users = networks.map((n) => n.cidr);

  it("a DOCKER-USER drop of the address a user's probe came from says so, with the probe's label", () => {
    const outcome = hostChecks({ firewall: firewall({ FORWARD: DOCKER_FORWARD, "DOCKER-USER": SERVER_TERRAFORM_DOCKER_USER }) });
    const [found] = hostFindings(outcome, { rerunRange: RANGE, users, networks });
    expect(found!.code).toBe("HOST_FIREWALL_DROPS_USERS");
    expect(found!.title).toBe(`The client drops container traffic to the users' network 10.0.5.9 (the address ${FROM_USER} uploaded from)`);
    expect(found!.detail).toContain(`a user in 10.0.5.9 (the address ${FROM_USER} uploaded from) leave through the container bridge`);
  });

  it("a route into docker0 says which network is the inventory's and which a user's", () => {
    const outcome = hostChecks({
      userAddresses: [
        { cidr: "10.20.0.0/16", address: "10.20.0.1" },
        { cidr: "10.10.200.7/32", address: "10.10.200.7" },
      ],
      firewall: firewall(
        {},
        {
          routes: [
            { address: "10.20.0.1", line: "10.20.0.1 dev docker0 src 10.20.0.1 uid 0" },
            { address: "10.10.200.7", line: "10.10.200.7 dev docker0 src 10.10.0.1 uid 0" },
          ],
        },
      ),
    });
    const [found] = hostFindings(outcome, { rerunRange: RANGE, users, networks });
    expect(found!.code).toBe("USERS_ROUTED_TO_DOCKER_BRIDGE");
    expect(found!.title).toContain(`10.20.0.0/16, 10.10.200.7 (the address ${FROM_USER} uploaded from) are routed into docker0`);
    expect(found!.detail).toContain("`ip route get 10.20.0.1` (for 10.20.0.0/16 (inventory users.cidrs))");
    expect(found!.detail).toContain(`\`ip route get 10.10.200.7\` (for 10.10.200.7 (the address ${FROM_USER} uploaded from))`);
  });

  it("an INPUT drop of a user's address on the rerun range names it too", () => {
    const outcome = hostChecks({ firewall: firewall({ INPUT: ["-A INPUT -s 10.0.5.9/32 -p tcp --dport 64535:65535 -j DROP"] }) });
    const [found] = hostFindings(outcome, { rerunRange: RANGE, users, networks });
    expect(found!.code).toBe("HOST_FIREWALL_DROPS_RERUN");
    expect(found!.detail).toContain(`10.0.5.9 (the address ${FROM_USER} uploaded from)`);
  });
});
