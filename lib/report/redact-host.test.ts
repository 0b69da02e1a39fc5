import { describe, expect, it } from "vitest";
import { diagnoseFleet } from "../diagnose/diagnose-fleet";
import { CTX, makeObservation } from "../diagnose/test-fixtures";
import { agentFacts, agentNode, DOCKER_FORWARD, firewall, hostChecks, SERVER_TERRAFORM_DOCKER_USER } from "../diagnose/test-host-fixtures";
import { buildClientReport, buildReport } from "./build-report";
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

describe("a user probe's address in a shared report's host findings", () => {
  const FROM_USER = "users (reported by ACME-office Berlin)";
  const networks = [
    { cidr: "10.20.0.0/16", source: "inventory" },
    { cidr: "10.0.5.9/32", source: FROM_USER },
  ];
  const ctx = { ...CTX, users: networks.map((n) => n.cidr), usersNetworks: networks };
  const obs = {
    ...makeObservation({ target: { name: "runner-a", host: "10.20.0.5" } }),
    host: hostChecks({ firewall: firewall({ FORWARD: DOCKER_FORWARD, "DOCKER-USER": SERVER_TERRAFORM_DOCKER_USER }) }),
  };
  const report = buildReport({
    runId: "run-1",
    startedAt: "2024-05-01T10:00:00.000Z",
    finishedAt: "2024-05-01T10:00:05.000Z",
    ctx,
    clients: [buildClientReport(obs, diagnoseFleet([obs], ctx)[0]!)],
  });

  it("lists the networks checked, and the finding names the probe's label", () => {
    expect(report.usersNetworks).toEqual(networks);
    const found = report.clients[0]!.findings.find((f) => f.code === "HOST_FIREWALL_DROPS_USERS")!;
    expect(found.title).toContain(`10.0.5.9 (the address ${FROM_USER} uploaded from)`);
  });

  it("aliases the label and the address in the field and in the finding's words alike", () => {
    const redacted = redactReport(report);
    const text = JSON.stringify(redacted);
    for (const secret of ["ACME", "Berlin", "10.0.5.9", "10.20.0.0"]) expect(text).not.toContain(secret);
    const alias = redacted.usersNetworks![1]!.source;
    expect(alias).toMatch(/^vantage-\d+$/);
    expect(redacted.usersNetworks![0]!.source).toBe("inventory");
    const found = redacted.clients[0]!.findings.find((f) => f.code === "HOST_FIREWALL_DROPS_USERS")!;
    expect(found.title).toContain(`(the address ${alias} uploaded from)`);
  });
});
