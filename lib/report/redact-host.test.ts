import { describe, expect, it } from "vitest";
import { makeObservation } from "../diagnose/test-fixtures";
import { agentFacts, agentNode, firewall, hostChecks } from "../diagnose/test-host-fixtures";
import { redactReport } from "./redact";
import { reportOf } from "./test-fixtures";

const NODE_ID = "7a1c2e3f-0b9d-4e8a-9c7b-6d5e4f3a2b1c";

describe("host checks in a shared report", () => {
  const node = agentNode({ id: NODE_ID, name: "build-box-7.corp.example", drain: true });
  const report = reportOf([
    {
      ...makeObservation({ target: { name: "runner-a", host: "10.20.0.5" } }),
      host: hostChecks({
        nomadAgent: agentFacts(node),
        firewall: firewall({ INPUT: ["-A INPUT -s 10.20.9.0/24 -p tcp -m tcp --dport 64535:65535 -j DROP"] }),
      }),
    },
  ]);

  it("records the agent's node as the client's Nomad record", () => {
    expect(report.clients[0]!.nomad).toMatchObject({ id: NODE_ID, name: "build-box-7.corp.example", publicIpv4: "198.51.100.131" });
    expect(report.clients[0]!.findings.map((f) => f.code)).toContain("NOMAD_NODE_UNSCHEDULABLE");
  });

  it("leaves neither the agent's node name and ID nor a rule's addresses in a redacted link", () => {
    const text = JSON.stringify(redactReport(report));
    for (const secret of [NODE_ID, "build-box-7", "corp.example", "10.20.0.5", "198.51.100.131"]) expect(text).not.toContain(secret);
  });
});
