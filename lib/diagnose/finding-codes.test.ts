import { describe, expect, it } from "vitest";
import { diagnoseFleet } from "./diagnose-fleet";
import { diagnoseReachFleet } from "./rules-vantage";
import { userScanFinding } from "./rules-users";
import {
  CTX,
  FINGERPRINT,
  IMDS_SILENT,
  makeImds,
  makeObservation,
  overrideFile,
  portProbes,
  probed,
  sessionFailed,
  skipped,
  clientPath,
  collected,
  vantageScan,
  vantageView,
  withReach,
} from "./test-fixtures";
import { FINDING_CODES } from "./types";
import { agentFacts, agentNode, firewall, hostChecks, SERVER_TERRAFORM_DOCKER_USER } from "./test-host-fixtures";

const NOT_PROBED = skipped("no advertised IP to probe");

/** One scenario per failure the design names; together they must reach every finding code. */
const SCENARIOS = [
  makeObservation({ collect: sessionFailed({ kind: "unreachable", reason: "refused", message: "ECONNREFUSED" }) }),
  makeObservation({ collect: sessionFailed({ kind: "auth-failed", message: "denied" }) }),
  makeObservation({ collect: sessionFailed({ kind: "host-key-mismatch", presented: "SHA256:a", known: ["SHA256:b"] }) }),
  makeObservation({ collect: sessionFailed({ kind: "host-key-unknown", presented: "SHA256:a" }) }),
  makeObservation({ collect: { kind: "collect-failed", hostKeyFingerprint: FINGERPRINT, message: "timeout", durationMs: 1 } }),
  makeObservation({
    collect: {
      ...collected(),
      timings: {
        tcpMs: 1,
        bannerMs: 900,
        loginMs: 2400,
        attempts: 2,
        retried: "went silent",
        commandMs: 9000,
        idleBudgetMs: 48000,
        steps: [{ name: "metadata", ms: 8000 }],
      },
    },
  }),
  makeObservation({ facts: { override: overrideFile("") }, probe: NOT_PROBED }),
  makeObservation({ facts: { override: overrideFile("1.2.3.4\n5.6.7.8") }, probe: NOT_PROBED }),
  makeObservation({ target: { name: "dup-1" }, facts: { override: overrideFile("198.51.100.50"), interfaces: ["198.51.100.50"] } }),
  makeObservation({ target: { name: "dup-2" }, facts: { override: overrideFile("198.51.100.50") } }),
  makeObservation({ facts: { imds: IMDS_SILENT }, probe: NOT_PROBED }),
  makeObservation({ facts: { imds: makeImds({ tokenlessStatus: 401 }) } }),
  makeObservation({ facts: { imds: makeImds({ publicIpv4: { status: 404, value: null } }) }, probe: NOT_PROBED }),
  makeObservation({ probe: probed(portProbes(() => "filtered")) }),
  makeObservation({ probe: probed(portProbes((port) => (port === 64535 ? "open" : port > 65500 ? "filtered" : "closed"))) }),
  makeObservation({ probe: skipped("outside probe.allowCidrs", "198.51.100.131") }),
  makeObservation({
    target: { nomad: { id: "f7476465-4d6e", name: "nomad-4", publicIpv4: "198.51.100.200", localIpv4: null, instanceId: null } },
  }),
  withReach(makeObservation(), {
    vantages: [
      vantageView(
        "office-bastion",
        vantageScan(() => "filtered"),
      ),
    ],
  }),
  makeObservation({ facts: { runtime: "podman" } }),
  withReach(makeObservation(), {
    paths: {
      unmeasured: null,
      paths: [
        clientPath("services", "services", 8585, "output processor", "filtered"),
        clientPath("vm", "vm-1", 2376, "Docker daemon on the VM", "closed"),
      ],
    },
  }),
  withReach(makeObservation(), { paths: { unmeasured: "sshd refuses TCP forwarding", paths: [] } }),
  makeObservation({
    facts: { override: overrideFile("198.51.100.131\n"), bootTime: "2024-06-01T00:00:00.000Z" },
  }),
  makeObservation({ facts: { override: overrideFile("10.0.1.12\n"), interfaces: ["10.0.1.12"] }, probe: NOT_PROBED }),
  { ...makeObservation(), host: hostChecks({ firewall: firewall({ INPUT: ["-A INPUT -p tcp -m tcp --dport 64535:65535 -j DROP"] }) }) },
  { ...makeObservation(), host: hostChecks({ firewall: firewall({ "DOCKER-USER": SERVER_TERRAFORM_DOCKER_USER }) }) },
  {
    ...makeObservation(),
    host: hostChecks({
      userAddresses: [{ cidr: "10.10.200.0/24", address: "10.10.200.1" }],
      firewall: firewall({}, { routes: [{ address: "10.10.200.1", line: "10.10.200.1 dev docker0 src 10.10.0.1 uid 0" }] }),
    }),
  },
  { ...makeObservation(), host: hostChecks({ nomadAgent: agentFacts(agentNode({ drain: true })) }) },
  { ...makeObservation(), host: hostChecks({ firewall: firewall({}, { uid: 1000, privilege: "sudo-password", iptables: "not-read" }) }) },
];

/** Findings about the run as a whole: a broken vantage, a VM whose 54782 is dropped. */
const FLEET = {
  vantages: [
    {
      name: "vpn-box",
      host: "198.51.100.90",
      check: "198.51.100.11:22",
      unusable: "it cannot reach 198.51.100.11:22 (filtered, no-response)",
    },
  ],
  machines: [
    {
      name: "vm-1",
      host: "198.51.100.60",
      from: [
        {
          source: "dashboard",
          unusable: null,
          probe: { port: 54782, state: "filtered" as const, reason: "no-response" as const, rttMs: 1500 },
        },
      ],
    },
  ],
};

describe("finding codes", () => {
  const ctx = { ...CTX, rerunPortsExplicit: true, podmanPorts: { from: 32768, to: 60999 }, users: ["10.0.5.0/24", "10.10.200.0/24"] };
  const users = userScanFinding(
    {
      vantage: "users (reported by T-1)",
      source: "10.20.30.40",
      address: "54.1.2.3",
      probes: [{ port: 64535, state: "filtered", reason: "no-response" }],
    },
    { from: 64535, to: 65535 },
    [{ from: 64535, to: 65535, state: "closed", reason: "conn-refused" }],
  );
  const findings = [
    ...diagnoseFleet(SCENARIOS, ctx).flatMap((diagnosis) => diagnosis.findings),
    ...diagnoseReachFleet(FLEET),
    ...(users ? [users] : []),
  ];

  it("every code of the contract is emitted by some scenario", () => {
    const emitted = new Set(findings.map((finding) => finding.code));
    expect([...FINDING_CODES].filter((code) => !emitted.has(code))).toEqual([]);
  });

  it("every finding has a title, a detail and a remediation without raw control characters", () => {
    for (const finding of findings) {
      for (const text of [finding.title, finding.detail, finding.remediation]) {
        expect(text.trim().length, `${finding.code}`).toBeGreaterThan(10);
        expect(text, `${finding.code}`).not.toMatch(/[\u0000-\u001f\u007f]/);
      }
    }
  });
});
