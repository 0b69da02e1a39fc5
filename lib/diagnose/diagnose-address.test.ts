import { describe, expect, it } from "vitest";
import { diagnoseClient } from "./diagnose-client";
import {
  ALL_CLOSED,
  CTX,
  IMDS_SILENT,
  PRIVATE_IP,
  PUBLIC_IP,
  codesOf,
  findingOf,
  makeImds,
  makeObservation,
  overrideFile,
} from "./test-fixtures";
import type { ClientFacts } from "../collect/types";

const diagnose = (facts: Partial<ClientFacts>, serverVersion = "4.8") =>
  diagnoseClient(makeObservation({ facts, probe: ALL_CLOSED }), { ...CTX, serverVersion });
const NO_PUBLIC = makeImds({ publicIpv4: { status: 404, value: null } });
const V2_REQUIRED = makeImds({ tokenlessStatus: 401 });

describe("override file rules", () => {
  it("healthy baseline has no findings and is ok", () => {
    const diagnosis = diagnoseClient(makeObservation(), CTX);
    expect(diagnosis).toEqual({ advertisedIp: PUBLIC_IP, advertisedIpSource: "metadata", findings: [], verdict: "ok" });
  });

  it("OVERRIDE_EMPTY with a metadata IP present breaks the client without ADVERTISED_IP_UNDETERMINED", () => {
    const diagnosis = diagnose({ override: overrideFile("\n") });
    expect(codesOf(diagnosis)).toEqual(["OVERRIDE_EMPTY"]);
    expect(diagnosis).toMatchObject({ verdict: "broken", advertisedIp: null, advertisedIpSource: "override" });
    expect(findingOf(diagnosis, "OVERRIDE_EMPTY")).toMatchObject({ severity: "error", detail: expect.stringContaining('"\\n"') });
  });

  it("an empty override on an IMDSv2-only instance points at the tokenless boot script", () => {
    const diagnosis = diagnose({ override: overrideFile(""), imds: V2_REQUIRED });
    const finding = findingOf(diagnosis, "OVERRIDE_EMPTY");
    expect(finding.detail).toMatch(/HTTP 401/);
    expect(finding.remediation).toContain("X-aws-ec2-metadata-token-ttl-seconds: 300");
    expect(finding.remediation).toContain('curl -sfH "X-aws-ec2-metadata-token: $TOKEN"');
  });

  it("OVERRIDE_INVALID quotes the escaped preview and the reason", () => {
    const diagnosis = diagnose({ override: overrideFile("<html><title>502 Bad Gateway</title></html>\r\n") });
    const finding = findingOf(diagnosis, "OVERRIDE_INVALID");
    expect(finding.severity).toBe("error");
    expect(finding.title).toContain("an HTML page (a failed curl?)");
    expect(finding.detail).toContain('"<html><title>502 Bad Gateway</title></html>\\r\\n"');
    expect(finding.remediation).toMatch(/curl -sf/);
    expect(codesOf(diagnosis)).not.toContain("ADVERTISED_IP_UNDETERMINED");
  });

  it.each([
    ["equals the metadata public IP", PUBLIC_IP, []],
    ["is on an interface", PRIVATE_IP, []],
    ["is on an interface listed with a prefix length", "198.51.100.12", []],
    ["is neither (stale)", "198.51.100.99", ["OVERRIDE_STALE"]],
  ])("a valid override that %s", (_, ip, codes) => {
    const diagnosis = diagnose({ override: overrideFile(`${ip}\n`), interfaces: [PRIVATE_IP, "198.51.100.12/25"] });
    expect(codesOf(diagnosis)).toEqual(codes);
    expect(diagnosis.advertisedIp).toBe(ip);
  });

  it("OVERRIDE_STALE names the metadata IP and the interfaces", () => {
    const finding = findingOf(diagnose({ override: overrideFile("198.51.100.99") }), "OVERRIDE_STALE");
    expect(finding).toMatchObject({ severity: "error" });
    expect(finding.detail).toContain(`metadata public IP is ${PUBLIC_IP}`);
    expect(finding.detail).toContain(`interfaces hold ${PRIVATE_IP}`);
  });
});

describe("metadata rules", () => {
  it("METADATA_UNREACHABLE without an override is an error and leaves no address", () => {
    const diagnosis = diagnose({ imds: IMDS_SILENT });
    expect(codesOf(diagnosis)).toEqual(["METADATA_UNREACHABLE", "ADVERTISED_IP_UNDETERMINED"]);
    expect(findingOf(diagnosis, "METADATA_UNREACHABLE").severity).toBe("error");
    expect(findingOf(diagnosis, "METADATA_UNREACHABLE").detail).toContain("no answer");
    expect(diagnosis.verdict).toBe("broken");
  });

  it("METADATA_UNREACHABLE covered by a valid override is a warning", () => {
    const diagnosis = diagnose({ imds: IMDS_SILENT, override: overrideFile(PRIVATE_IP) });
    expect(codesOf(diagnosis)).toEqual(["METADATA_UNREACHABLE"]);
    expect(findingOf(diagnosis, "METADATA_UNREACHABLE").severity).toBe("warning");
    expect(diagnosis.verdict).toBe("degraded");
  });

  it("IMDSv2 required on Server 4.8 is a warning: outer uses a token", () => {
    const diagnosis = diagnose({ imds: V2_REQUIRED }, "4.8");
    expect(codesOf(diagnosis)).toEqual(["METADATA_TOKEN_REQUIRED"]);
    expect(findingOf(diagnosis, "METADATA_TOKEN_REQUIRED").severity).toBe("warning");
    expect(diagnosis).toMatchObject({ verdict: "degraded", advertisedIp: PUBLIC_IP });
  });

  it("IMDSv2 required on Server 4.5 without override is an error naming the version", () => {
    const diagnosis = diagnose({ imds: V2_REQUIRED }, "4.5");
    expect(codesOf(diagnosis)).toEqual(["METADATA_TOKEN_REQUIRED", "ADVERTISED_IP_UNDETERMINED"]);
    const finding = findingOf(diagnosis, "METADATA_TOKEN_REQUIRED");
    expect(finding.severity).toBe("error");
    expect(finding.detail).toContain("CircleCI Server 4.5");
    expect(finding.remediation).toMatch(/Upgrade CircleCI Server to 4\.6/);
    expect(finding.remediation).toContain("HttpTokens=optional");
    expect(findingOf(diagnosis, "ADVERTISED_IP_UNDETERMINED").detail).toContain("HTTP 401");
  });

  it("IMDSv2 required on Server 4.5 with a valid override is only a warning", () => {
    const diagnosis = diagnose({ imds: V2_REQUIRED, override: overrideFile(PRIVATE_IP) }, "4.5");
    expect(codesOf(diagnosis)).toEqual(["METADATA_TOKEN_REQUIRED"]);
    expect(findingOf(diagnosis, "METADATA_TOKEN_REQUIRED").severity).toBe("warning");
  });

  it("NO_PUBLIC_IP without an override is an error with ADVERTISED_IP_UNDETERMINED", () => {
    const diagnosis = diagnose({ imds: NO_PUBLIC });
    expect(codesOf(diagnosis)).toEqual(["NO_PUBLIC_IP", "ADVERTISED_IP_UNDETERMINED"]);
    expect(findingOf(diagnosis, "NO_PUBLIC_IP")).toMatchObject({ severity: "error", detail: expect.stringContaining("HTTP 404") });
    expect(findingOf(diagnosis, "ADVERTISED_IP_UNDETERMINED").severity).toBe("error");
    expect(diagnosis).toMatchObject({ verdict: "broken", advertisedIpSource: "none" });
  });

  it("NO_PUBLIC_IP with a valid override is info and the client is ok", () => {
    const diagnosis = diagnose({ imds: NO_PUBLIC, override: overrideFile(`${PRIVATE_IP}\n`) });
    expect(codesOf(diagnosis)).toEqual(["NO_PUBLIC_IP"]);
    expect(findingOf(diagnosis, "NO_PUBLIC_IP").severity).toBe("info");
    expect(diagnosis).toMatchObject({ verdict: "ok", advertisedIp: PRIVATE_IP, advertisedIpSource: "override" });
  });

  it("an empty override with no public IP gives both OVERRIDE_EMPTY and ADVERTISED_IP_UNDETERMINED", () => {
    const diagnosis = diagnose({ imds: NO_PUBLIC, override: overrideFile("   ") });
    expect(codesOf(diagnosis)).toEqual(["OVERRIDE_EMPTY", "NO_PUBLIC_IP", "ADVERTISED_IP_UNDETERMINED"]);
  });
});
