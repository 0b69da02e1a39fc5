import { describe, expect, it } from "vitest";
import { diagnoseClient } from "./diagnose-client";
import { AWS_WORDS, azureCloud, BARE_METAL, GCP_PRIVATE, gcpCloud, IMDS_NOT_AWS } from "./cloud-fixtures";
import { detectPlatform } from "./platform";
import { ALL_CLOSED, CTX, IMDS_SILENT, codesOf, findingOf, makeFacts, makeImds, makeObservation, overrideFile } from "./test-fixtures";
import type { ClientFacts } from "../collect/types";
import type { ClientDiagnosis } from "./types";

const diagnose = (facts: Partial<ClientFacts>) => diagnoseClient(makeObservation({ facts, probe: ALL_CLOSED }), CTX);
const texts = (d: ClientDiagnosis) => d.findings.map((f) => `${f.title} ${f.detail} ${f.remediation}`).join("\n");

describe("platform detection", () => {
  it("names AWS from a token or a tokenless 200/401, before anything GCP or Azure said", () => {
    expect(detectPlatform(makeFacts())).toBe("aws");
    expect(detectPlatform(makeFacts({ imds: makeImds({ tokenStatus: 200, tokenlessStatus: 401 }), cloud: gcpCloud() }))).toBe("aws");
    expect(detectPlatform(makeFacts({ imds: makeImds({ tokenStatus: null, tokenlessStatus: 401 }) }))).toBe("aws");
  });

  it("names GCP only with Metadata-Flavor: Google, Azure only from its JSON, none only when refused", () => {
    expect(detectPlatform(makeFacts({ imds: IMDS_NOT_AWS, cloud: gcpCloud() }))).toBe("gcp");
    expect(detectPlatform(makeFacts({ imds: IMDS_NOT_AWS, cloud: gcpCloud({ flavor: false }) }))).toBe("unknown");
    expect(detectPlatform(makeFacts({ imds: IMDS_NOT_AWS, cloud: azureCloud() }))).toBe("azure");
    expect(
      detectPlatform(
        makeFacts({ imds: IMDS_NOT_AWS, cloud: { ...azureCloud(), azure: { status: 200, publicIp: null, privateIp: null } } }),
      ),
    ).toBe("unknown");
    expect(detectPlatform(makeFacts(BARE_METAL))).toBe("none");
    expect(detectPlatform(makeFacts({ imds: IMDS_SILENT, cloud: { noAnswer: "timeout", gcp: null, azure: null } }))).toBe("unknown");
    expect(detectPlatform(makeFacts({ imds: IMDS_SILENT }))).toBe("unknown");
  });
});

describe("GCP clients", () => {
  it("with an external IP and no override: outer advertises it, nothing is wrong (AWS's 404s are not GCP's)", () => {
    const d = diagnose({ imds: IMDS_NOT_AWS, cloud: gcpCloud() });
    expect(d).toMatchObject({ advertisedIp: "34.118.9.20", advertisedIpSource: "metadata", verdict: "ok" });
    expect(codesOf(d)).toEqual([]);
  });

  it("private, with the override nomad-gcp writes: no public IP (info) and a private address (info), in GCP's terms", () => {
    const d = diagnose({ imds: IMDS_NOT_AWS, cloud: GCP_PRIVATE, override: overrideFile("10.128.0.7\n"), interfaces: ["10.128.0.7"] });
    expect(codesOf(d)).toEqual(["NO_PUBLIC_IP", "ADVERTISED_IP_PRIVATE"]);
    expect(d).toMatchObject({ advertisedIp: "10.128.0.7", advertisedIpSource: "override", verdict: "ok" });
    expect(findingOf(d, "NO_PUBLIC_IP").detail).toContain("GCP metadata has no external IP");
    expect(findingOf(d, "ADVERTISED_IP_PRIVATE").remediation).toContain("assign_public_ip = true");
    expect(texts(d)).not.toMatch(AWS_WORDS);
  });

  it("private without an override: broken, fixed with nomad-gcp's startup-script line, never with AWS's", () => {
    const d = diagnose({ imds: IMDS_NOT_AWS, cloud: GCP_PRIVATE });
    expect(codesOf(d)).toEqual(["NO_PUBLIC_IP", "ADVERTISED_IP_UNDETERMINED"]);
    expect(d.verdict).toBe("broken");
    const undetermined = findingOf(d, "ADVERTISED_IP_UNDETERMINED");
    expect(undetermined.detail).toContain("external-ip HTTP 404");
    expect(undetermined.remediation).toContain("Metadata-Flavor: Google");
    expect(undetermined.remediation).toContain("assign_public_ip = true");
    expect(texts(d)).not.toMatch(AWS_WORDS);
  });
});

describe("hosts without cloud metadata, and Azure", () => {
  it("bare metal without an override: the override is the only source; no AWS advice", () => {
    const d = diagnose({ ...BARE_METAL });
    expect(codesOf(d)).toEqual(["METADATA_UNREACHABLE", "ADVERTISED_IP_UNDETERMINED"]);
    expect(findingOf(d, "METADATA_UNREACHABLE").severity).toBe("info");
    expect(findingOf(d, "ADVERTISED_IP_UNDETERMINED").remediation).toContain("the only source");
    expect(d.verdict).toBe("broken");
    expect(texts(d)).not.toMatch(AWS_WORDS);
  });

  it("bare metal with a valid override of its own is ok; silent metadata (blocked) keeps the AWS error", () => {
    const withFile = diagnose({ ...BARE_METAL, override: overrideFile("198.51.100.11\n") });
    expect(withFile).toMatchObject({ verdict: "ok", advertisedIpSource: "override" });
    expect(findingOf(withFile, "METADATA_UNREACHABLE").severity).toBe("info");
    const blocked = diagnose({ imds: IMDS_SILENT, cloud: { noAnswer: "timeout", gcp: null, azure: null } });
    expect(findingOf(blocked, "METADATA_UNREACHABLE")).toMatchObject({
      severity: "error",
      remediation: expect.stringContaining("not an AWS instance"),
    });
  });

  it("Azure: outer reads no Azure metadata, even a public IP there; the Standard-SKU gap is named", () => {
    for (const publicIp of [null, "20.50.1.2"]) {
      const d = diagnose({ imds: IMDS_NOT_AWS, cloud: azureCloud(publicIp) });
      expect(codesOf(d)).toEqual(["ADVERTISED_IP_UNDETERMINED"]);
      const f = findingOf(d, "ADVERTISED_IP_UNDETERMINED");
      expect(f.detail).toContain("Standard-SKU");
      expect(f.remediation).toContain("Metadata: true");
      expect(texts(d)).not.toMatch(AWS_WORDS);
    }
  });
});
