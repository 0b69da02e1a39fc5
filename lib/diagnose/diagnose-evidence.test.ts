import { describe, expect, it } from "vitest";
import { diagnoseClient } from "./diagnose-client";
import { BARE_METAL, GCP_PRIVATE, IMDS_NOT_AWS } from "./cloud-fixtures";
import { ALL_CLOSED, CTX, PUBLIC_IP, codesOf, findingOf, makeImds, makeObservation, overrideFile } from "./test-fixtures";
import type { ClientFacts } from "../collect/types";

const diagnose = (facts: Partial<ClientFacts>, terraformModule?: string) =>
  diagnoseClient(makeObservation({ facts, probe: ALL_CLOSED }), { ...CTX, ...(terraformModule ? { terraformModule } : {}) });
const V2_REQUIRED = makeImds({ tokenStatus: 200, tokenlessStatus: 401 });
/** The override's fixture mtime is 2024-05-01T10:00:00Z. */
const BOOTED_AFTER = "2024-06-01T00:00:00.000Z";
const BOOTED_BEFORE = "2024-04-01T00:00:00.000Z";
/** A global address, as data only (never probed in a unit test). */
const GLOBAL = "54.224.97.243";

describe("server-terraform's empty override (tokenless boot script under HttpTokens=required)", () => {
  it("names failed to lookup ip, both IMDS results, the module tags and every fix", () => {
    const f = findingOf(diagnose({ override: overrideFile(""), imds: V2_REQUIRED }), "OVERRIDE_EMPTY");
    expect(f.detail).toContain("failed to lookup ip");
    expect(f.detail).toContain("answered HTTP 401 while the IMDSv2 token PUT answered HTTP 200");
    expect(f.detail).toContain("4.4.0, 4.5.0 and 4.6.0");
    expect(f.remediation).toContain("4.9.0 or later");
    expect(f.remediation).toContain("server-4.8 branch with PR #290");
    expect(f.remediation).toContain('enable_imdsv2 = "optional"');
    expect(f.remediation).toContain('curl -sfH "X-aws-ec2-metadata-token: $TOKEN"');
  });

  it.each([
    ["4.5.0", "one of the tags that hard-code"],
    ["4.8.1", 'affected when enable_imdsv2 = "required"'],
    ["4.9.0", "something else"],
    ["4.2.0", "account or AMI default"],
  ])("reads the inventory's module %s", (module, words) => {
    expect(findingOf(diagnose({ override: overrideFile("\n"), imds: V2_REQUIRED }, module), "OVERRIDE_EMPTY").detail).toContain(words);
  });

  it("is not claimed without the signature (no working token), nor on GCP", () => {
    const noToken = findingOf(
      diagnose({ override: overrideFile(""), imds: makeImds({ tokenStatus: null, tokenlessStatus: 401 }) }),
      "OVERRIDE_EMPTY",
    );
    expect(noToken.detail).not.toContain("4.4.0");
    const gcp = findingOf(diagnose({ override: overrideFile(""), imds: IMDS_NOT_AWS, cloud: GCP_PRIVATE }), "OVERRIDE_EMPTY");
    expect(gcp.detail).toContain("hostname --ip-address");
    expect(gcp.remediation).not.toMatch(/IMDSv2|X-aws-ec2/);
  });
});

describe("an override written before this boot", () => {
  it("warns on a cloud when it still names the client, and says when it was written", () => {
    const d = diagnose({ override: overrideFile(`${PUBLIC_IP}\n`), bootTime: BOOTED_AFTER });
    expect(codesOf(d)).toEqual(["OVERRIDE_OLDER_THAN_BOOT"]);
    expect(d.verdict).toBe("degraded");
    expect(findingOf(d, "OVERRIDE_OLDER_THAN_BOOT")).toMatchObject({
      severity: "warning",
      detail: expect.stringContaining(`${BOOTED_AFTER}`),
    });
  });

  it("is silent when written after the boot or when either time is unknown, and only info on bare metal", () => {
    expect(codesOf(diagnose({ override: overrideFile(`${PUBLIC_IP}\n`), bootTime: BOOTED_BEFORE }))).toEqual([]);
    expect(codesOf(diagnose({ override: overrideFile(`${PUBLIC_IP}\n`), bootTime: null }))).toEqual([]);
    const bare = diagnose({ ...BARE_METAL, override: overrideFile("198.51.100.11\n"), bootTime: BOOTED_AFTER });
    expect(findingOf(bare, "OVERRIDE_OLDER_THAN_BOOT").severity).toBe("info");
    expect(bare.verdict).toBe("ok");
  });

  it("leaves a stale override to OVERRIDE_STALE, which quotes the dates", () => {
    const d = diagnose({ override: overrideFile("198.51.100.200\n"), bootTime: BOOTED_AFTER });
    expect(codesOf(d)).toEqual(["OVERRIDE_STALE"]);
    expect(findingOf(d, "OVERRIDE_STALE").detail).toContain(`before this boot (${BOOTED_AFTER})`);
  });
});

describe("private addresses and NAT", () => {
  it.each([
    ["10.0.1.12", "private (RFC 1918)"],
    ["172.31.5.6", "private (RFC 1918)"],
    ["192.168.1.20", "private (RFC 1918)"],
    ["100.64.3.4", "carrier-grade NAT (RFC 6598)"],
  ])("says %s works only for users inside the network", (ip, kind) => {
    const d = diagnose({ override: overrideFile(`${ip}\n`), interfaces: [ip] });
    expect(codesOf(d)).toEqual(["ADVERTISED_IP_PRIVATE"]);
    const f = findingOf(d, "ADVERTISED_IP_PRIVATE");
    expect(f).toMatchObject({ severity: "info", title: expect.stringContaining(kind) });
    expect(f.detail).toMatch(/VPN, VPC peering or a bastion/);
    expect(f.remediation).toContain("client_public_ip = true");
  });

  it("does not flag public or documentation addresses", () => {
    expect(codesOf(diagnose({}))).toEqual([]);
    expect(codesOf(diagnose({ override: overrideFile("172.32.0.1\n"), interfaces: ["172.32.0.1"] }))).toEqual([]);
  });

  it("flags a public override on no interface, without a metadata public IP, as a possible NAT gateway", () => {
    const d = diagnose({ override: overrideFile(`${GLOBAL}\n`), imds: makeImds({ publicIpv4: { status: 404, value: null } }) });
    expect(codesOf(d)).toEqual(["OVERRIDE_STALE", "NO_PUBLIC_IP"]);
    const stale = findingOf(d, "OVERRIDE_STALE");
    expect(stale.title).toContain("NAT gateway");
    expect(stale.detail).toContain("never accepts inbound connections");
  });

  it("reads a documentation address as public only where probe.allowCidrs declares it so (the lab's case)", () => {
    const facts = { override: overrideFile("198.51.100.128\n"), imds: makeImds({ publicIpv4: { status: 404, value: null } }) };
    const title = (publicCidrs: string[]) =>
      findingOf(diagnoseClient(makeObservation({ facts, probe: ALL_CLOSED }), { ...CTX, publicCidrs }), "OVERRIDE_STALE").title;
    expect(title([])).not.toContain("NAT");
    expect(title(["198.51.100.128/25"])).toContain("NAT gateway");
  });

  it("keeps the copied-or-replaced wording when the instance has its own public IP", () => {
    const stale = findingOf(diagnose({ override: overrideFile(`${GLOBAL}\n`) }), "OVERRIDE_STALE");
    expect(stale.title).not.toContain("NAT");
    expect(stale.detail).toContain("copied from another client");
  });
});

describe("Nomad's fingerprint as a witness of a stale override", () => {
  const nomad = (publicIpv4: string) => ({ id: "f7476465-4d6e", name: "nomad-4", publicIpv4, localIpv4: null, instanceId: null });
  const staleWith = (publicIpv4: string) =>
    findingOf(
      diagnoseClient(
        makeObservation({
          target: { nomad: nomad(publicIpv4) },
          facts: { override: overrideFile("198.51.100.200\n"), imds: makeImds({ publicIpv4: { status: null, value: null } }) },
          probe: ALL_CLOSED,
        }),
        CTX,
      ),
      "OVERRIDE_STALE",
    ).detail;

  it("quotes what Nomad fingerprinted, and says when it agrees with the file", () => {
    expect(staleWith("198.51.100.77")).toContain("Nomad fingerprinted 198.51.100.77 as this instance's public IP");
    expect(staleWith("198.51.100.200")).toContain("the file may be right and only metadata could not confirm it");
  });
});
