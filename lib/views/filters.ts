import { FINDING_CODES, VERDICT_RANK, VERDICTS, type FindingCode, type Verdict } from "../diagnose/types";
import type { ClientReport } from "../report/schema";
import { clientFailsArrow, isArrowId } from "./diagram";
import { type ArrowId } from "../diagnose/catalog";

export const SORT_KEYS = ["verdict", "name", "ip"] as const;
export type SortKey = (typeof SORT_KEYS)[number];

export interface MatrixFilters {
  readonly verdicts: readonly Verdict[];
  readonly code: FindingCode | null;
  readonly text: string;
  readonly sort: SortKey;
  /** An arrow of the architecture diagram: only the clients that fail it. */
  readonly arrow: ArrowId | null;
}

type Params = { get(name: string): string | null };

/** Filters live in the URL so a pasted link shows what its author saw. */
export function readFilters(params: Params): MatrixFilters {
  const verdicts = (params.get("verdict") ?? "").split(",").filter((v): v is Verdict => (VERDICTS as readonly string[]).includes(v));
  const code = params.get("code");
  const sort = params.get("sort");
  const arrow = params.get("arrow");
  return {
    verdicts,
    code: code && (FINDING_CODES as readonly string[]).includes(code) ? (code as FindingCode) : null,
    text: (params.get("q") ?? "").slice(0, 200),
    sort: sort && (SORT_KEYS as readonly string[]).includes(sort) ? (sort as SortKey) : "verdict",
    arrow: isArrowId(arrow) ? arrow : null,
  };
}

export function applyFilters(clients: readonly ClientReport[], filters: MatrixFilters): ClientReport[] {
  const text = filters.text.trim().toLowerCase();
  const rows = clients.filter(
    (c) =>
      (filters.verdicts.length === 0 || filters.verdicts.includes(c.verdict)) &&
      (filters.code === null || c.findings.some((f) => f.code === filters.code)) &&
      (filters.arrow === null || clientFailsArrow(c, filters.arrow)) &&
      (text === "" || [c.name, c.host, c.advertisedIp ?? "", ...c.findings.map((f) => f.code)].some((s) => s.toLowerCase().includes(text))),
  );
  const byName = (a: ClientReport, b: ClientReport) => a.name.localeCompare(b.name, undefined, { numeric: true });
  const sorters: Record<SortKey, (a: ClientReport, b: ClientReport) => number> = {
    verdict: (a, b) => VERDICT_RANK[a.verdict] - VERDICT_RANK[b.verdict] || byName(a, b),
    name: byName,
    // Clients without an IP go last; a "~" sentinel does not, since localeCompare ranks punctuation before digits.
    ip: (a, b) =>
      Number(a.advertisedIp === null) - Number(b.advertisedIp === null) ||
      (a.advertisedIp ?? "").localeCompare(b.advertisedIp ?? "", undefined, { numeric: true }) ||
      byName(a, b),
  };
  return rows.sort(sorters[filters.sort]);
}
