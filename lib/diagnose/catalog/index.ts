import { FINDING_CODES, type Finding, type FindingCode, type Severity } from "../types";
import { ARROW_IDS, type ArrowId, type CatalogEntry } from "./entry";
import { CLOUD_ENTRIES } from "./cloud";
import { HOST_ENTRIES } from "./host";
import { METADATA_ENTRIES } from "./metadata";
import { NOMAD_ENTRIES } from "./nomad";
import { OVERRIDE_ENTRIES } from "./override";
import { PATH_ENTRIES } from "./paths";
import { PORT_ENTRIES } from "./ports";
import { SESSION_ENTRIES } from "./session";
import { USER_ENTRIES } from "./users";

/**
 * Every finding code, once: what it checks, its severities, the figure's links it breaks, its words
 * for the fleet and the figure, and its text. The compiler refuses a code without an entry.
 */
export const CATALOG = {
  ...SESSION_ENTRIES,
  ...OVERRIDE_ENTRIES,
  ...METADATA_ENTRIES,
  ...PORT_ENTRIES,
  ...NOMAD_ENTRIES,
  ...PATH_ENTRIES,
  ...CLOUD_ENTRIES,
  ...USER_ENTRIES,
  ...HOST_ENTRIES,
} satisfies Record<FindingCode, CatalogEntry<never>>;

export type FindingInput<C extends FindingCode> = Parameters<(typeof CATALOG)[C]["text"]>[0];

/** A finding of `code` with `severity`, in the catalog's words for what the rule saw. */
export function finding<C extends FindingCode>(code: C, severity: Severity, input: FindingInput<C>): Finding {
  const text = (CATALOG[code].text as (input: FindingInput<C>) => { title: string; detail: string; remediation: string })(input);
  return { code, severity, title: text.title, detail: text.detail, remediation: text.remediation };
}

/** Codes that put a client on each of the figure's links. */
export const ARROW_CODES: Readonly<Record<ArrowId, readonly FindingCode[]>> = Object.fromEntries(
  ARROW_IDS.map((id) => [id, FINDING_CODES.filter((code) => (CATALOG[code].arrows as readonly ArrowId[]).includes(id))]),
) as unknown as Record<ArrowId, readonly FindingCode[]>;

/** Findings about how fast a client answered: true of a moment, never what a lab scenario is about. */
export const LOAD_DEPENDENT_CODES: readonly FindingCode[] = FINDING_CODES.filter(
  (code) => "loadDependent" in CATALOG[code] && CATALOG[code].loadDependent,
);

export { ARROW_IDS, type ArrowId, type FindingText } from "./entry";
