import { describe, expect, it } from "vitest";
import { makeImds, makeObservation, portProbes, probed, sessionFailed } from "../diagnose/test-fixtures";
import { redactReport } from "./redact";
import type { Report } from "./schema";
import { reportOf } from "./test-fixtures";

const NODE_ID = "5f0c7a9e-1b2d-4c3e-8f40-a1b2c3d4e5f6";
const STALE_INSTANCE = "i-0feedfacecafe1234";

/** The leaks the audit found (M2): Nomad, users, paths, banners, zones, vantage checks, host keys. */
function nomadReport(): Report {
  const base = reportOf([
    makeObservation({
      target: {
        name: "ci-runner-a",
        host: "10.20.0.5",
        source: "nomad",
        nomad: { id: NODE_ID, name: "ip-10-20-0-5.build.corp", publicIpv4: null, localIpv4: null, instanceId: STALE_INSTANCE },
      },
      facts: { imds: makeImds({ availabilityZone: { status: 200, value: "eu-central-1b" } }) },
      probe: probed(
        portProbes((port) => (port === 64600 ? "open" : "closed")).map((p) =>
          p.port === 64600 ? { ...p, banner: "220 smtp.acme-mail.com ESMTP Postfix" } : p,
        ),
        "10.20.0.5",
      ),
    }),
    makeObservation({
      target: { name: "ci-runner-b", host: "10.20.0.6", user: "alice" },
      collect: sessionFailed({ kind: "auth-failed", message: "cannot pin host key in /home/alice/.ssh/known_hosts: EACCES" }),
    }),
  ]);
  return {
    ...base,
    nomad: {
      address: "https://nomad.ops.acme:4646",
      error: null,
      nodes: [
        {
          name: "drained-box-7",
          address: "10.20.0.9",
          status: "ready",
          drain: true,
          eligibility: "eligible",
          skipped: "draining",
          inventoryName: null,
        },
        {
          name: "ci-runner-a",
          address: "10.20.0.5",
          status: "ready",
          drain: false,
          eligibility: "eligible",
          skipped: null,
          inventoryName: "ci-runner-a",
        },
      ],
    },
    vantages: [
      { name: "office", host: "10.30.0.2", check: "gitlab.acme:22", usable: false, reason: "gitlab.acme:22 timed out from office" },
    ],
  };
}

describe("redactReport on Nomad, SSH and banner details", () => {
  const report = nomadReport();
  const redacted = redactReport(report);
  const json = JSON.stringify(redacted);

  it("hides every identifier the audit found leaking", () => {
    const secrets = [NODE_ID, STALE_INSTANCE, "ip-10-20-0-5", "build.corp", "drained-box-7", "nomad.ops.acme", "alice"];
    secrets.push("acme-mail.com", "eu-central-1", "gitlab.acme", "SHA256:", "ci-runner", "10.20.0.");
    expect(secrets.filter((secret) => json.includes(secret))).toEqual([]);
  });

  it("gives one value one alias in every field and text", () => {
    const [a, b] = redacted.clients;
    expect(redacted.nomad!.nodes[1]!.name).toBe(a!.name);
    expect(redacted.nomad!.nodes[1]!.inventoryName).toBe(a!.name);
    expect(redacted.nomad!.nodes[1]!.address).toBe(a!.host);
    expect(a!.probedAddress).toBe(a!.host);
    const stale = a!.findings.find((f) => f.code === "NOMAD_FINGERPRINT_MISMATCH")!;
    expect(stale.detail).toContain(a!.nomad!.instanceId!);
    expect(stale.detail).toContain(a!.facts!.imds.instanceId.value!);
    expect(a!.nomad!.instanceId).not.toBe(a!.facts!.imds.instanceId.value);
    const user = /user "(user-\d+)"/.exec(b!.findings[0]!.detail)![1]!;
    expect(b!.findings[0]!.detail).toContain(`/home/${user}/.ssh/known_hosts`);
    expect(b!.findings[0]!.remediation).toContain(`~${user}/.ssh/authorized_keys`);
    expect(redacted.vantages![0]!.reason).toBe(`${redacted.vantages![0]!.check!} timed out from ${redacted.vantages![0]!.name}`);
    expect(redacted.nomad!.address).toMatch(/^https:\/\/nomad-1:4646$/);
    const loopback = redactReport({ ...report, vantages: [{ ...report.vantages![0]!, check: "127.0.0.1:22" }] });
    expect(loopback.vantages![0]!.check).toBe("127.0.0.1:22");
  });

  it("keeps what identifies nothing: verdicts, codes, severities, ports, states and words", () => {
    const shape = (r: Report) =>
      r.clients.map((c) => ({
        verdict: c.verdict,
        findings: c.findings.map((f) => [f.code, f.severity]),
        port: c.port,
        ports: c.ports,
        runs: c.portRuns,
        banners: c.banners.map((x) => x.port),
        listening: c.facts?.listeningPorts,
        source: c.source,
        statuses: [c.facts?.imds.tokenStatus, c.facts?.imds.availabilityZone.status],
      }));
    expect(shape(redacted)).toEqual(shape(report));
    expect(redacted.clients[0]!.banners[0]!.banner).toMatch(/^220 host-\d+ ESMTP Postfix$/);
    expect(redacted.nomad!.nodes.map((n) => [n.status, n.eligibility, n.skipped, n.drain])).toEqual(
      report.nomad!.nodes.map((n) => [n.status, n.eligibility, n.skipped, n.drain]),
    );
    expect([redacted.startedAt, redacted.finishedAt, redacted.inventory]).toEqual([report.startedAt, report.finishedAt, report.inventory]);
    expect(redacted.clients[0]!.findings.map((f) => f.remediation)).toEqual(report.clients[0]!.findings.map((f) => f.remediation));
  });

  it("numbers aliases in report order and is deterministic", () => {
    expect(redacted.clients.map((c) => c.name)).toEqual(["client-1", "client-2"]);
    expect(JSON.stringify(redactReport(report))).toBe(json);
    expect(JSON.stringify(report)).toContain("alice");
  });
});
