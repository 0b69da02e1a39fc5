import type { FindingCode, Severity } from "../types";

/** The links of CircleCI's "SSH Rerun Architecture" figure, plus the admin's own SSH link. */
export const ARROW_IDS = ["inspect", "metadata", "advertise", "rerun-ports", "machine", "vm-from-client", "services"] as const;
export type ArrowId = (typeof ARROW_IDS)[number];

/** A finding's words; the rules decide code and severity. */
export interface FindingText {
  readonly title: string;
  readonly detail: string;
  readonly remediation: string;
}

/** Everything about one finding code, in one place. */
export interface CatalogEntry<Input> {
  /** What Rerun Doctor checks, in one line (the README's list is made from these). */
  readonly check: string;
  /** Severities a rule may give it; the first is the usual one. */
  readonly severities: readonly [Severity, ...Severity[]];
  /** The figure's links this finding breaks; none for findings about no link. */
  readonly arrows: readonly ArrowId[];
  /** Fleet-level words: "3 of 40 clients: <cause>". */
  readonly cause: string;
  /** Arrow-level words: what the finding breaks on its link. */
  readonly arrowCause: string;
  /** True of a moment (how fast a client answered), never what a lab scenario is about. */
  readonly loadDependent?: boolean;
  /** Title, detail (quoting the evidence) and remediation (in CircleCI Server's terms). */
  readonly text: (input: Input) => FindingText;
}

/** Infers an entry's input type from its text builder. */
export const entry = <Input>(e: CatalogEntry<Input>): CatalogEntry<Input> => e;

export type CatalogPart = Partial<Record<FindingCode, CatalogEntry<never>>>;
