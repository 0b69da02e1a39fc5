import { describe, expect, it } from "vitest";
import {
  collected,
  FINGERPRINT,
  makeFacts,
  makeImds,
  makeObservation,
  overrideFile,
  portProbes,
  probed,
  sessionFailed,
} from "../diagnose/test-fixtures";
import { redactReport } from "./redact";
import type { Report } from "./schema";
import { reportOf } from "./test-fixtures";

const IPV4_ANYWHERE = /\d{1,3}(?:[.-]\d{1,3}){3}/g;
const decode = (b64: string) => Buffer.from(b64, "base64").toString("latin1");

/** A realistic fleet: every failure kind that quotes names, addresses or override bytes. */
function fleetReport(): Report {
  const obs = (name: string, host: string, publicIp: string, extra: Parameters<typeof makeObservation>[0] = {}) =>
    makeObservation({
      target: { name, host, ...extra.target },
      facts: {
        hostname: `ip-${host.replaceAll(".", "-")}`,
        interfaces: [`${host}/25`, "fe80::a8bb:ccff:fedd:eeff"],
        imds: makeImds({
          publicIpv4: { status: 200, value: publicIp },
          localIpv4: { status: 200, value: host },
          instanceId: { status: 200, value: `i-0abc${name.length}def${publicIp.slice(-3)}` },
        }),
        ...extra.facts,
      },
      ...(extra.collect ? { collect: extra.collect } : {}),
      probe:
        extra.probe ??
        probed(
          portProbes(() => "closed"),
          publicIp,
        ),
    });
  return reportOf([
    obs("nomad-client-1", "198.51.100.11", "198.51.100.131"),
    obs("nomad-client-10", "198.51.100.12", "198.51.100.132", { facts: { override: overrideFile("198.51.100.131\n") } }),
    obs("nomad-client-2", "198.51.100.13", "198.51.100.133", {
      facts: { override: overrideFile("<html><title>502 from proxy.fleet.internal</title>\n2001:db8::42\n") },
    }),
    obs("nomad-client-3", "198.51.100.14", "198.51.100.134", {
      facts: { override: overrideFile(new Uint8Array([0, ...new TextEncoder().encode("198.51.100.244\n")])) },
      probe: probed(
        portProbes((port) => (port > 65000 ? "filtered" : port === 64800 ? "open" : "closed")),
        "198.51.100.134",
      ),
    }),
    obs("nomad-client-4", "nomad-4.fleet.internal", "198.51.100.135", {
      collect: sessionFailed({
        kind: "unreachable",
        reason: "refused",
        message: "connect ECONNREFUSED 198.51.100.15:22 (nomad-4.fleet.internal)",
      }),
    }),
    obs("nomad-client-5", "198.51.100.16", "198.51.100.136", {
      collect: sessionFailed({ kind: "host-key-mismatch", presented: "SHA256:newkeynewkeynewkey", known: [FINGERPRINT] }),
    }),
    obs("nomad-client-6", "198.51.100.17", "198.51.100.137", {
      collect: collected(
        makeFacts({
          hostname: "ip-198-51-100-17.ec2.internal",
          interfaces: ["198.51.100.17"],
          imds: makeImds({ publicIpv4: { status: 404, value: null } }),
        }),
      ),
    }),
  ]);
}

/** Every fleet name and address of the report: names from fields, addresses from anywhere, bytes included. */
function originals(report: Report): string[] {
  const json = JSON.stringify(report) + report.clients.map((c) => decode(c.facts?.override.contentBase64 ?? "")).join("\n");
  const values = new Set<string>([...(json.match(IPV4_ANYWHERE) ?? [])].filter((ip) => ip !== "169.254.169.254"));
  for (const c of report.clients) {
    [c.name, c.host, c.facts?.hostname, c.facts?.imds.instanceId.value, c.advertisedIp].forEach((v) => v && values.add(v));
  }
  ["2001:db8::42", "fe80::a8bb:ccff:fedd:eeff", "proxy.fleet.internal"].forEach((v) =>
    values.add(v.split(".")[0] === "proxy" ? "fleet.internal" : v),
  );
  return [...values];
}

describe("redactReport", () => {
  const report = fleetReport();
  const redacted = redactReport(report);
  const json = JSON.stringify(redacted) + redacted.clients.map((c) => decode(c.facts?.override.contentBase64 ?? "")).join("\n");

  it("leaves no fleet IP address or host name anywhere, override bytes included", () => {
    const found = originals(report);
    expect(found.length).toBeGreaterThan(25);
    expect(found.filter((value) => json.includes(value))).toEqual([]);
    expect(json.match(IPV4_ANYWHERE) ?? []).toEqual(expect.arrayContaining(["169.254.169.254"]));
    expect((json.match(IPV4_ANYWHERE) ?? []).filter((ip) => ip !== "169.254.169.254")).toEqual([]);
  });

  it("gives clients aliases in report order, and client-10 is not read as client-1", () => {
    expect(redacted.clients.map((c) => c.name)).toEqual([
      "client-1",
      "client-2",
      "client-3",
      "client-4",
      "client-5",
      "client-6",
      "client-7",
    ]);
    const dup = redacted.clients[0]!.findings.find((f) => f.code === "OVERRIDE_DUPLICATE");
    expect(dup?.title).toMatch(/is also advertised by client-2$/);
    expect(redacted.clients[4]!.host).toBe("host-1");
    expect(redacted.clients[4]!.findings[0]!.detail).toContain("host-1");
  });

  it("gives one IP one alias across fields, texts, CIDRs and override bytes", () => {
    const [one, ten] = redacted.clients;
    const publicAlias = one!.advertisedIp!;
    expect(publicAlias).toMatch(/^ip-\d+$/);
    expect(one!.facts!.imds.publicIpv4.value).toBe(publicAlias);
    expect(ten!.advertisedIp).toBe(publicAlias);
    expect(decode(ten!.facts!.override.contentBase64)).toBe(`${publicAlias}\n`);
    expect(one!.facts!.interfaces[0]).toBe(`${one!.host}/25`);
    expect(one!.facts!.hostname).toBe("hostname-1");
    expect(one!.facts!.imds.instanceId.value).toBe("instance-1");
    expect(redacted.clients[2]!.facts!.interfaces[1]).toBe(one!.facts!.interfaces[1]);
    expect(decode(redacted.clients[3]!.facts!.override.contentBase64)).toMatch(/^\x00ip-\d+\n$/);
  });

  it("keeps everything else: verdicts, codes, counts, and the input untouched", () => {
    expect(redacted.clients.map((c) => [c.verdict, c.findings.map((f) => f.code), c.ports])).toEqual(
      report.clients.map((c) => [c.verdict, c.findings.map((f) => f.code), c.ports]),
    );
    expect(redacted.runId).toBe(report.runId);
    expect(JSON.stringify(report)).toContain("nomad-client-10");
  });

  it("aliases host key fingerprints, which search engines index, keeping presented and known apart", () => {
    const presented = redacted.clients[5]!.hostKeyFingerprint!;
    expect(presented).toMatch(/^hostkey-\d+$/);
    const detail = redacted.clients[5]!.findings[0]!.detail;
    expect(detail).toContain(presented);
    expect(detail).toMatch(/hostkey-\d+/);
    expect(json).not.toContain("SHA256:");
    expect(json).not.toContain(FINGERPRINT);
  });
});

describe("redactReport with vantages, VMs and the services host", () => {
  it("aliases their names and hosts wherever they appear", () => {
    const base = fleetReport();
    const report: Report = {
      ...base,
      vantages: [{ name: "office-bastion", host: "bastion.corp.example", check: "198.51.100.11:22", usable: true, reason: null }],
      machines: [
        {
          name: "vm-build-7",
          host: "198.51.100.90",
          from: [{ source: "office-bastion", usable: true, state: "filtered", reason: "no-response" }],
        },
      ],
      clients: base.clients.map((c) => ({
        ...c,
        vantages: [
          {
            name: "office-bastion",
            usable: true,
            reason: null,
            address: c.advertisedIp,
            counts: { open: 0, closed: 1, filtered: 0 },
            runs: [],
            probed: 1,
            rangeSize: 1,
          },
        ],
        paths: [
          {
            kind: "services",
            target: "services.corp.example",
            host: "services.corp.example",
            port: 8585,
            purpose: "output processor",
            state: "filtered",
            reason: "no-response",
          },
        ],
      })),
      findings: [
        {
          code: "VM_PORT_54782_FILTERED",
          severity: "error",
          title: "vm-build-7 on 54782 is filtered from office-bastion",
          detail: "198.51.100.90:54782 from bastion.corp.example",
          remediation: "open it",
        },
      ],
    } as Report;
    const text = JSON.stringify(redactReport(report));
    for (const secret of [
      "office-bastion",
      "bastion.corp.example",
      "vm-build-7",
      "198.51.100.90",
      "services.corp.example",
      "corp.example",
    ]) {
      expect(text, secret).not.toContain(secret);
    }
    expect(text).toContain("vantage-1");
    expect(text).toContain("machine-1");
  });
});
