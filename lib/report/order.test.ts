import { describe, expect, it } from "vitest";
import { verdictSummary, worstFirst } from "./order";

describe("worstFirst", () => {
  it("orders by severity, then by contract code order, without mutating", () => {
    const findings = [
      { code: "RERUN_JOB_LISTENING", severity: "info" },
      { code: "RERUN_PORTS_FILTERED", severity: "error" },
      { code: "METADATA_TOKEN_REQUIRED", severity: "warning" },
      { code: "OVERRIDE_EMPTY", severity: "error" },
    ] as const;
    expect(worstFirst(findings).map((finding) => finding.code)).toEqual([
      "OVERRIDE_EMPTY",
      "RERUN_PORTS_FILTERED",
      "METADATA_TOKEN_REQUIRED",
      "RERUN_JOB_LISTENING",
    ]);
    expect(findings[0].code).toBe("RERUN_JOB_LISTENING");
  });
});

describe("verdictSummary", () => {
  it("counts each verdict", () => {
    const summary = verdictSummary([{ verdict: "ok" }, { verdict: "broken" }, { verdict: "broken" }]);
    expect(summary).toBe("3 clients: 1 ok, 0 degraded, 2 broken, 0 unknown");
  });
});
