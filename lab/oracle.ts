import { type FindingCode, type Verdict } from "../lib/diagnose/types";
import { LOAD_DEPENDENT_CODES } from "../lib/diagnose/catalog";
import type { Expectation } from "./types";

/**
 * What a report says of a client, in the terms of a scenario's expectation: its verdict and its
 * finding codes, sorted, leaving out findings about load (a busy machine makes those, not the scenario).
 */
export function observed(client: { readonly verdict: string; readonly findings: readonly { readonly code: string }[] }): Expectation {
  const codes = client.findings.map((f) => f.code as FindingCode).filter((code) => !LOAD_DEPENDENT_CODES.includes(code));
  return { verdict: client.verdict as Verdict, codes: codes.sort() };
}

/** The expectation with its codes sorted, to compare with observed(). */
export const expected = (e: Expectation): Expectation => ({ verdict: e.verdict, codes: [...e.codes].sort() });
