import { diagnoseFleet } from "../diagnose/diagnose-fleet";
import { CTX } from "../diagnose/test-fixtures";
import type { ClientObservation } from "../diagnose/types";
import { buildClientReport, buildReport } from "./build-report";
import type { Report } from "./schema";

/** A finished report of these observations, as the runner would build it. */
export function reportOf(observations: readonly ClientObservation[], runId = "run-1"): Report {
  const diagnoses = diagnoseFleet(observations, CTX);
  return buildReport({
    runId,
    startedAt: "2024-05-01T10:00:00.000Z",
    finishedAt: "2024-05-01T10:00:05.000Z",
    ctx: CTX,
    clients: observations.map((obs, index) => buildClientReport(obs, diagnoses[index]!)),
  });
}

export const HOSTILE_NAME = "evil\u001b[31m|<script>alert(1)</script>`x`\nrow";
