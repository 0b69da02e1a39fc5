import { describe, expect, it } from "vitest";
import { finding, watchClient as client, watchReport as report } from "./test-watch-reports";
import { hasChanges, runChanges, runSignature } from "./watch-changes";
import { alertPayload, alertPayloadSchema, emailMessage, slackPayload } from "./watch-payloads";

const filtered = finding("RERUN_PORTS_FILTERED");

describe("runChanges", () => {
  it("names clients that crossed the works/broken line, both ways, and nothing else", () => {
    const before = report("a", [
      client("c1", "ok"),
      client("c2", "degraded"),
      client("c3", "broken", [filtered]),
      client("c4", "ok"),
      client("c5", "broken", [filtered]),
      client("gone", "ok"),
    ]);
    const after = report("b", [
      client("c1", "broken", [filtered, finding("OVERRIDE_STALE"), finding("COLLECT_SLOW", "info")]),
      client("c2", "unknown", [finding("SSH_UNREACHABLE")]),
      client("c3", "ok"),
      client("c4", "degraded", [finding("RERUN_PORTS_NOT_PROBED", "warning")]),
      client("c5", "unknown", [finding("SSH_UNREACHABLE")]),
      client("new", "broken", [filtered]),
    ]);
    const changes = runChanges(before, after);
    expect(changes).toEqual({
      runId: "b",
      previousRunId: "a",
      clients: [
        { name: "c1", change: "broke", from: "ok", to: "broken", codes: ["OVERRIDE_STALE", "RERUN_PORTS_FILTERED"] },
        { name: "c2", change: "broke", from: "degraded", to: "unknown", codes: ["SSH_UNREACHABLE"] },
        { name: "c3", change: "recovered", from: "broken", to: "ok", codes: ["RERUN_PORTS_FILTERED"] },
      ],
      fleet: [],
    });
    expect(hasChanges(changes)).toBe(true);
  });

  it("reports fleet-level findings appearing and resolving, and nothing for an identical run", () => {
    const vantage = finding("VANTAGE_UNUSABLE", "warning");
    const dup = finding("OVERRIDE_DUPLICATE");
    const before = report("a", [client("c1", "ok")], [vantage]);
    const after = report("b", [client("c1", "ok")], [dup]);
    expect(runChanges(before, after).fleet).toEqual([
      { change: "appeared", code: "OVERRIDE_DUPLICATE", severity: "error", title: "OVERRIDE_DUPLICATE title" },
      { change: "resolved", code: "VANTAGE_UNUSABLE", severity: "warning", title: "VANTAGE_UNUSABLE title" },
    ]);
    expect(hasChanges(runChanges(after, report("c", [client("c1", "ok")], [dup])))).toBe(false);
  });
});

describe("runSignature", () => {
  it("is equal for runs that differ only in order, evidence and timing, and differs when a verdict or code does", () => {
    const a = report("a", [client("x", "broken", [finding("RERUN_PORTS_FILTERED", "error", "1001 filtered")]), client("y", "ok")]);
    const b = report("b", [client("y", "ok"), client("x", "broken", [finding("RERUN_PORTS_FILTERED", "error", "other words")])]);
    expect(runSignature(a)).toBe(runSignature(b));
    expect(runSignature(a)).not.toBe(runSignature(report("c", [client("x", "broken", [filtered]), client("y", "degraded")])));
    expect(runSignature(a)).not.toBe(runSignature(report("d", [client("x", "broken", [finding("OVERRIDE_STALE")]), client("y", "ok")])));
    expect(runSignature(a)).not.toBe(runSignature(report("e", a.clients, [finding("OVERRIDE_DUPLICATE")])));
  });
});

describe("alert payloads", () => {
  const before = report("run-a", [client("c1", "ok"), client("evil<@here>&", "ok")]);
  const after = report("run-b", [client("c1", "broken", [filtered]), client("evil<@here>&", "unknown", [finding("SSH_UNREACHABLE")])]);
  const payload = alertPayload(after, runChanges(before, after), { baseUrl: "https://doctor.example.com", trigger: "scheduled" });

  it("builds the documented webhook JSON with links to the run and each client", () => {
    expect(alertPayloadSchema.parse(JSON.parse(JSON.stringify(payload)))).toEqual(payload);
    expect(payload).toMatchObject({
      schema: "rerun-doctor.alert.v1",
      status: "firing",
      runId: "run-b",
      previousRunId: "run-a",
      trigger: "scheduled",
      runUrl: "https://doctor.example.com/runs/run-b",
      verdicts: { ok: 0, degraded: 0, broken: 1, unknown: 1 },
    });
    expect(payload.summary).toBe("Rerun Doctor: 2 clients broke (2 of 2 not working)");
    expect(payload.clients[0]!.clientUrl).toBe("https://doctor.example.com/runs/run-b/clients/c1");
    expect(payload.clients[1]!.clientUrl).toBe("https://doctor.example.com/runs/run-b/clients/evil%3C%40here%3E%26");
  });

  it("is 'resolved' when everything in it recovered", () => {
    const back = alertPayload(before, runChanges(after, before), { baseUrl: "http://127.0.0.1:3000", trigger: "manual" });
    expect(back.status).toBe("resolved");
    expect(back.summary).toBe("Rerun Doctor: 2 recovered (0 of 2 not working)");
  });

  it("escapes Slack markup in names and keeps links; the e-mail has one line per change", () => {
    const slack = slackPayload(payload);
    const text = JSON.stringify(slack.blocks);
    expect(slack.text).toBe(payload.summary);
    expect(text).toContain("evil&lt;@here&gt;&amp;");
    expect(text).not.toContain("<@here>");
    expect(text).toContain("<https://doctor.example.com/runs/run-b/clients/c1|c1>");
    const mail = emailMessage(payload);
    expect(mail.subject).toBe(payload.summary);
    expect(mail.text).toContain("BROKE c1 <https://doctor.example.com/runs/run-b/clients/c1>: ok → broken (RERUN_PORTS_FILTERED)");
  });
});
