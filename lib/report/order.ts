import { FINDING_CODES, VERDICTS, type Severity, type Verdict } from "../diagnose/types";

const SEVERITY_RANK: Readonly<Record<Severity, number>> = { error: 0, warning: 1, info: 2 };

/** Most severe first (error > warning > info), then the contract's code order; does not mutate. */
export function worstFirst<T extends { readonly code: (typeof FINDING_CODES)[number]; readonly severity: Severity }>(
  findings: readonly T[],
): T[] {
  return [...findings].sort(
    (a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] || FINDING_CODES.indexOf(a.code) - FINDING_CODES.indexOf(b.code),
  );
}

export function verdictCounts(clients: readonly { readonly verdict: Verdict }[]): Record<Verdict, number> {
  const counts = Object.fromEntries(VERDICTS.map((v) => [v, 0])) as Record<Verdict, number>;
  for (const client of clients) counts[client.verdict]++;
  return counts;
}

export function verdictSummary(clients: readonly { readonly verdict: Verdict }[]): string {
  const counts = verdictCounts(clients);
  const parts = VERDICTS.map((verdict) => `${counts[verdict]} ${verdict}`).join(", ");
  return `${clients.length} client${clients.length === 1 ? "" : "s"}: ${parts}`;
}
