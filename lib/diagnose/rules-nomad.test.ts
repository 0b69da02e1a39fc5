import { describe, expect, it } from "vitest";
import { gcpCloud, IMDS_NOT_AWS } from "./cloud-fixtures";
import { diagnoseClient } from "./diagnose-client";
import { CTX, makeImds, makeObservation, PRIVATE_IP, PUBLIC_IP } from "./test-fixtures";

const NOMAD = {
  id: "f7476465-4d6e-c0de-26d0-e383c49be941",
  name: "nomad-4",
  publicIpv4: PUBLIC_IP,
  localIpv4: PRIVATE_IP,
  instanceId: "i-0123456789abcdef0",
};

describe("NOMAD_FINGERPRINT_MISMATCH", () => {
  it("is silent when Nomad's fingerprint matches the client, or when there is none", () => {
    expect(diagnoseClient(makeObservation({ target: { nomad: NOMAD } }), CTX).findings).toEqual([]);
    expect(diagnoseClient(makeObservation(), CTX).findings).toEqual([]);
  });

  it("warns with both values when the public IP and instance changed since Nomad fingerprinted", () => {
    const obs = makeObservation({ target: { nomad: { ...NOMAD, publicIpv4: "198.51.100.250", instanceId: "i-0old" } } });
    const diagnosis = diagnoseClient(obs, CTX);
    expect(diagnosis.verdict).toBe("degraded");
    const [finding] = diagnosis.findings;
    expect(finding).toMatchObject({ code: "NOMAD_FINGERPRINT_MISMATCH", severity: "warning" });
    expect(finding!.title).toBe("Nomad's fingerprint of public IPv4, instance ID is out of date");
    expect(finding!.detail).toContain(`public IPv4: Nomad has "198.51.100.250", metadata says "${PUBLIC_IP}"`);
    expect(finding!.detail).toContain('instance ID: Nomad has "i-0old"');
  });

  it("does not compare what metadata did not answer", () => {
    const obs = makeObservation({
      target: { nomad: { ...NOMAD, publicIpv4: "198.51.100.250" } },
      facts: { imds: makeImds({ publicIpv4: { status: null, value: null } }) },
    });
    expect(diagnoseClient(obs, CTX).findings.map((f) => f.code)).not.toContain("NOMAD_FINGERPRINT_MISMATCH");
  });
});

describe("NOMAD_FINGERPRINT_MISMATCH on GCP", () => {
  const gcpFacts = { imds: IMDS_NOT_AWS, cloud: gcpCloud() };
  const gce = { ...NOMAD, publicIpv4: "34.118.9.20", localIpv4: "10.128.0.7", instanceId: "4520122344589163051" };

  it("compares Nomad's GCE attributes with GCP's metadata, not with AWS's 404s", () => {
    expect(diagnoseClient(makeObservation({ target: { nomad: gce }, facts: gcpFacts }), CTX).findings).toEqual([]);
    const moved = diagnoseClient(makeObservation({ target: { nomad: { ...gce, publicIpv4: "34.118.9.99" } }, facts: gcpFacts }), CTX);
    expect(moved.findings[0]?.detail).toContain('public IPv4: Nomad has "34.118.9.99", metadata says "34.118.9.20"');
  });
});
