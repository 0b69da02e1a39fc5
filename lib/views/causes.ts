import { CATALOG } from "../diagnose/catalog";
import type { FindingCode } from "../diagnose/types";
import type { ClientReport } from "../report/schema";

export interface Cause {
  readonly code: FindingCode;
  readonly count: number;
  readonly text: string;
}

/** Error and warning findings grouped by code, most clients first. */
export function topCauses(clients: readonly ClientReport[], limit = 5): Cause[] {
  const counts = new Map<FindingCode, number>();
  for (const client of clients) {
    const codes = new Set(client.findings.filter((f) => f.severity !== "info").map((f) => f.code));
    for (const code of codes) counts.set(code, (counts.get(code) ?? 0) + 1);
  }
  return [...counts]
    .sort((a, b) => b[1] - a[1])
    .slice(0, limit)
    .map(([code, count]) => ({ code, count, text: `${count} of ${clients.length} clients: ${CATALOG[code].cause}` }));
}
