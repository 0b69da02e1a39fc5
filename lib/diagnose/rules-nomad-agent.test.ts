import { describe, expect, it } from "vitest";
import { diagnoseClient } from "./diagnose-client";
import { agentFingerprint, nomadAgentFindings } from "./rules-nomad-agent";
import { CTX, makeImds, makeObservation } from "./test-fixtures";
import { agentFacts, agentNode, hostChecks } from "./test-host-fixtures";

const withNode = (overrides: Parameters<typeof agentNode>[0]) => hostChecks({ nomadAgent: agentFacts(agentNode(overrides)) });

describe("the client's own Nomad agent", () => {
  it("a ready, eligible node that is not draining says nothing", () => {
    expect(nomadAgentFindings(withNode({}))).toEqual([]);
    expect(nomadAgentFindings(hostChecks())).toEqual([]);
  });

  it("draining, ineligible or down nodes get a warning naming each state", () => {
    const [draining] = nomadAgentFindings(withNode({ drain: true, eligibility: "ineligible" }));
    expect(draining).toMatchObject({ code: "NOMAD_NODE_UNSCHEDULABLE", severity: "warning" });
    expect(draining!.title).toBe("Nomad node nomad-client-1 is draining, ineligible for scheduling");
    const [down] = nomadAgentFindings(withNode({ status: "down", statusDescription: "node heartbeat missed" }));
    expect(down!.title).toContain("status down");
    expect(down!.detail).toContain("node heartbeat missed");
  });

  it("reads AWS and GCE fingerprints by Nomad's attribute names", () => {
    expect(agentFingerprint(agentNode({}))).toMatchObject({ publicIpv4: "198.51.100.131", localIpv4: "198.51.100.11" });
    const gce = agentNode({
      attributes: {
        "unique.platform.gce.id": "8765",
        "unique.platform.gce.network.default.ip": "10.128.0.5",
        "unique.platform.gce.network.default.external-ip.0": "198.51.100.140",
      },
    });
    expect(agentFingerprint(gce)).toMatchObject({ publicIpv4: "198.51.100.140", localIpv4: "10.128.0.5", instanceId: "8765" });
  });

  it("compares the agent's fingerprint with metadata when discovery gave none", () => {
    const stale = withNode({ attributes: { "unique.platform.aws.public-ipv4": "198.51.100.200" } });
    const diagnosis = diagnoseClient({ ...makeObservation({ facts: { imds: makeImds() } }), host: stale }, CTX);
    expect(diagnosis.findings.map((f) => f.code)).toContain("NOMAD_FINGERPRINT_MISMATCH");
  });

  it("prefers a server-API fingerprint, and uses the agent's for nodes listed through nomad.via (no fingerprint of their own)", () => {
    const stale = withNode({ attributes: { "unique.platform.aws.public-ipv4": "198.51.100.200" } });
    const via = { id: "f7476465-4d6e", name: "nomad-client-1", publicIpv4: null, localIpv4: null, instanceId: null };
    const viaDiagnosis = diagnoseClient({ ...makeObservation({ target: { source: "nomad", nomad: via } }), host: stale }, CTX);
    expect(viaDiagnosis.findings.map((f) => f.code)).toContain("NOMAD_FINGERPRINT_MISMATCH");
    const server = { ...via, publicIpv4: "198.51.100.131" };
    const serverDiagnosis = diagnoseClient({ ...makeObservation({ target: { source: "nomad", nomad: server } }), host: stale }, CTX);
    expect(serverDiagnosis.findings.map((f) => f.code)).not.toContain("NOMAD_FINGERPRINT_MISMATCH");
  });
});
