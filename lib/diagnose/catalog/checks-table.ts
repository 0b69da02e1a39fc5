import { FINDING_CODES } from "../types";
import { CATALOG } from "./index";

export const CHECKS_START = "<!-- checks:start (npm run docs:checks writes this table from lib/diagnose/catalog) -->";
export const CHECKS_END = "<!-- checks:end -->";

/** The README's list of what is checked, one row per finding code, from the catalog. */
export function checksTable(): string {
  const rows = FINDING_CODES.map((code) => `| \`${code}\` | ${CATALOG[code].severities.join(", ")} | ${CATALOG[code].check} |`);
  return [CHECKS_START, "| code | severity | what is checked |", "|---|---|---|", ...rows, CHECKS_END].join("\n");
}

/** `readme` with its checks table replaced by the catalog's; throws when the markers are missing. */
export function withChecksTable(readme: string): string {
  const start = readme.indexOf(CHECKS_START);
  const end = readme.indexOf(CHECKS_END);
  if (start < 0 || end < start) throw new Error("README.md has no checks table markers");
  return readme.slice(0, start) + checksTable() + readme.slice(end + CHECKS_END.length);
}
