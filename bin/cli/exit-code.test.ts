import { describe, expect, it } from "vitest";
import type { ClientReport, Report } from "../../lib/report/schema";
import { exitCodeOf } from "./check";

const client = (verdict: ClientReport["verdict"]) => ({ verdict }) as ClientReport;
const report = (clients: ClientReport[], findings?: Report["findings"]) => ({ clients, findings }) as Report;
const error = { code: "VM_PORT_54782_FILTERED", severity: "error", title: "", detail: "", remediation: "" } as const;

describe("exitCodeOf", () => {
  it("is 0 when reruns work everywhere, degraded included", () => {
    expect(exitCodeOf(report([client("ok"), client("degraded")]))).toBe(0);
  });
  it("is 1 when some client is broken or unknown", () => {
    expect(exitCodeOf(report([client("ok"), client("broken")]))).toBe(1);
    expect(exitCodeOf(report([client("unknown")]))).toBe(1);
  });
  it("is 1 when a fleet-level finding is an error", () => {
    expect(exitCodeOf(report([client("ok")], [error]))).toBe(1);
    expect(exitCodeOf(report([client("ok")], [{ ...error, severity: "warning" }]))).toBe(0);
  });
});
