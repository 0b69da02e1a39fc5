import { describe, expect, it } from "vitest";
import { diagnoseClient } from "../diagnose/diagnose-client";
import {
  CTX,
  FINGERPRINT,
  PUBLIC_IP,
  makeObservation,
  overrideFile,
  portProbes,
  probed,
  sessionFailed,
  skipped,
} from "../diagnose/test-fixtures";
import { buildClientReport, buildReport } from "./build-report";
import { reportSchema } from "./schema";
import { reportOf } from "./test-fixtures";

describe("buildClientReport", () => {
  it("carries counts, runs, banners and facts of a probed, collected client", () => {
    const obs = makeObservation({ probe: probed(portProbes((port) => (port === 64784 ? "open" : port > 65035 ? "filtered" : "closed"))) });
    const client = buildClientReport(obs, diagnoseClient(obs, CTX));
    expect(client.ports).toEqual({ open: 1, closed: 500, filtered: 500 });
    expect(client.portRuns.map((run) => `${run.from}-${run.to}:${run.state}`)).toEqual([
      "64535-64783:closed",
      "64784-64784:open",
      "64785-65035:closed",
      "65036-65535:filtered",
    ]);
    expect(client.banners).toEqual([{ port: 64784, banner: "SSH-2.0-OpenSSH_9.2p1" }]);
    expect(client).toMatchObject({ probedAddress: PUBLIC_IP, hostKeyFingerprint: FINGERPRINT, durationMs: 1620 });
    expect(client.scanMs).toBe(1500); // 1620 ms in all, 120 of them the SSH session
    expect(client.facts?.imds.publicIpv4).toEqual({ status: 200, value: PUBLIC_IP });
  });

  it("gives zero counts and no facts when the client was not inspected", () => {
    const obs = makeObservation({
      collect: sessionFailed({ kind: "host-key-mismatch", presented: "SHA256:new", known: ["SHA256:old"] }),
      probe: skipped("the client could not be inspected"),
    });
    const client = buildClientReport(obs, diagnoseClient(obs, CTX));
    expect(client).toMatchObject({
      verdict: "unknown",
      ports: { open: 0, closed: 0, filtered: 0 },
      probedAddress: null,
      portRuns: [],
      facts: null,
      hostKeyFingerprint: "SHA256:new",
      advertisedIp: null,
      advertisedIpSource: "none",
    });
  });
});

describe("buildReport", () => {
  it("matches the contract schema for a mixed fleet", () => {
    const report = reportOf([
      makeObservation(),
      makeObservation({ target: { name: "b" }, facts: { override: overrideFile("\x00\xff") } }),
      makeObservation({ target: { name: "c" }, collect: sessionFailed({ kind: "auth-failed", message: "denied" }) }),
    ]);
    const parsed = reportSchema.parse(report);
    expect(parsed.schemaVersion).toBe(1);
    expect(parsed.inventory).toEqual({ serverVersion: "4.8", rerunPorts: { from: 64535, to: 65535 } });
    expect(parsed.clients.map((client) => client.verdict)).toEqual(["ok", "broken", "unknown"]);
  });

  it("allows a report still running (finishedAt null) with no clients", () => {
    const report = buildReport({ runId: "r", startedAt: "2024-05-01T10:00:00Z", finishedAt: null, ctx: CTX, clients: [] });
    expect(reportSchema.parse(report)).toMatchObject({ finishedAt: null, clients: [] });
  });
});
