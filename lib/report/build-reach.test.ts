import { describe, expect, it } from "vitest";
import { diagnoseClient } from "../diagnose/diagnose-client";
import { diagnoseReachFleet } from "../diagnose/rules-vantage";
import { ALL_CLOSED, clientPath, CTX, makeObservation, PUBLIC_IP, vantageScan, vantageView, withReach } from "../diagnose/test-fixtures";
import type { FleetObservation } from "../diagnose/reach-types";
import { buildClientReport, buildReport } from "./build-report";
import { reportSchema } from "./schema";

const FLEET: FleetObservation = {
  vantages: [
    { name: "office-bastion", host: "198.51.100.90", check: "198.51.100.11:22", unusable: null },
    { name: "vpn-box", host: "198.51.100.91", check: "198.51.100.11:22", unusable: "its sshd refuses TCP forwarding" },
  ],
  machines: [
    {
      name: "vm-1",
      host: "198.51.100.60",
      from: [
        { source: "dashboard", unusable: null, probe: { port: 54782, state: "filtered", reason: "no-response", rttMs: 1500 } },
        { source: "vpn-box", unusable: "its sshd refuses TCP forwarding", probe: null },
      ],
    },
  ],
};

describe("reach report fields", () => {
  const obs = withReach(makeObservation({ probe: ALL_CLOSED }), {
    vantages: [
      vantageView(
        "office-bastion",
        vantageScan((p) => (p >= 65000 ? "filtered" : "closed")),
      ),
      vantageView("vpn-box", null, "its sshd refuses TCP forwarding"),
    ],
    paths: { unmeasured: null, paths: [clientPath("services", "services", 8585, "output processor", "filtered")] },
  });
  const client = buildClientReport(obs, diagnoseClient(obs, CTX));

  it("keeps the contract's ports as the dashboard's view and adds each vantage's", () => {
    expect(client.ports).toEqual({ open: 0, closed: 1001, filtered: 0 });
    expect(client.vantages).toEqual([
      {
        name: "office-bastion",
        usable: true,
        reason: null,
        address: PUBLIC_IP,
        counts: { open: 0, closed: 465, filtered: 536 },
        runs: [
          { from: 64535, to: 64999, state: "closed", reason: "conn-refused" },
          { from: 65000, to: 65535, state: "filtered", reason: "no-response" },
        ],
        probed: 1001,
        rangeSize: 1001,
      },
      {
        name: "vpn-box",
        usable: false,
        reason: "its sshd refuses TCP forwarding",
        address: null,
        counts: { open: 0, closed: 0, filtered: 0 },
        runs: [],
        probed: 0,
        rangeSize: 0,
      },
    ]);
    expect(client.rerunsFailFrom).toEqual(["office-bastion"]);
    expect(client.verdict).toBe("broken");
  });

  it("lists the client's paths with their states", () => {
    expect(client.paths).toEqual([
      {
        kind: "services",
        target: "services",
        host: "services.internal",
        port: 8585,
        purpose: "output processor",
        state: "filtered",
        reason: "no-response",
      },
    ]);
    expect(client.pathsNote).toBeNull();
  });

  it("adds vantage statuses, VMs and fleet findings to a report that still parses as the contract", () => {
    const report = reportSchema.parse(
      buildReport({
        runId: "r1",
        startedAt: "a",
        finishedAt: "b",
        ctx: CTX,
        clients: [client],
        fleet: FLEET,
        fleetFindings: diagnoseReachFleet(FLEET),
      }),
    );
    expect(report.vantages?.map((v) => [v.name, v.usable])).toEqual([
      ["office-bastion", true],
      ["vpn-box", false],
    ]);
    expect(report.machines?.[0]?.from).toEqual([
      { source: "dashboard", usable: true, state: "filtered", reason: "no-response" },
      { source: "vpn-box", usable: false, state: null, reason: "its sshd refuses TCP forwarding" },
    ]);
    expect(report.findings?.map((f) => f.code)).toEqual(["VANTAGE_UNUSABLE", "VM_PORT_54782_FILTERED"]);
  });

  it("adds nothing when the inventory configures no vantage, services or machine", () => {
    const plain = buildClientReport(makeObservation(), diagnoseClient(makeObservation(), CTX));
    expect(Object.keys(plain)).not.toContain("vantages");
    const report = buildReport({ runId: "r1", startedAt: "a", finishedAt: "b", ctx: CTX, clients: [plain], fleet: null });
    expect(Object.keys(report)).not.toContain("findings");
  });
});
