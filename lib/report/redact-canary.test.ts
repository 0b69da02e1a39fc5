import { describe, expect, it } from "vitest";
import { CANARY_SHAPES, canaryReport, leakedCanaries } from "./canary-fixture";
import { redactReport } from "./redact";
import { reportSchema } from "./schema";

const SHAPES = Object.keys(CANARY_SHAPES);

describe("redactReport against a canary in every string field of the report schema", () => {
  it("fills every string field: the walk reaches the whole schema", () => {
    const { canaries } = canaryReport("token");
    const paths = new Set(canaries.map((c) => c.path));
    for (const path of ["runId", "clients.nomad.id", "nomad.address", "clients.banners.banner", "vantages.check"]) {
      expect(paths, path).toContain(path);
    }
    expect(paths.size).toBeGreaterThan(50);
  });

  it.each(SHAPES)("no %s canary survives, and the result still parses", (shape) => {
    const { report, canaries } = canaryReport(shape);
    expect(leakedCanaries(report, canaries)).toHaveLength(canaries.length);
    const redacted = redactReport(report);
    expect(reportSchema.safeParse(redacted).success).toBe(true);
    expect(leakedCanaries(redacted, canaries)).toEqual([]);
  });
});
