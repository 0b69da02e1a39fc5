import { FINDING_CODES, type Finding, type Verdict } from "./types";

/** Findings in the contract's code order, so output is stable whatever order rules ran in. */
export function inContractOrder(findings: readonly Finding[]): Finding[] {
  return [...findings].sort((a, b) => FINDING_CODES.indexOf(a.code) - FINDING_CODES.indexOf(b.code));
}

export function verdictOf(findings: readonly Finding[], inspected: boolean): Verdict {
  if (!inspected) return "unknown";
  if (findings.some((finding) => finding.severity === "error")) return "broken";
  if (findings.some((finding) => finding.severity === "warning")) return "degraded";
  return "ok";
}
