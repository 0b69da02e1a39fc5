import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { FINDING_CODES } from "../types";
import { checksTable, withChecksTable } from "./checks-table";
import { ARROW_CODES, CATALOG, LOAD_DEPENDENT_CODES } from "./index";

describe("the finding catalog", () => {
  it("has words for every code: a check, a fleet cause and an arrow cause", () => {
    for (const code of FINDING_CODES) {
      const entry = CATALOG[code];
      for (const text of [entry.check, entry.cause, entry.arrowCause]) expect(text.length, code).toBeGreaterThan(10);
      expect(entry.severities.length, code).toBeGreaterThan(0);
    }
  });

  it("derives each arrow's codes and the load-dependent codes from its entries", () => {
    expect(ARROW_CODES.inspect).toEqual([
      "SSH_UNREACHABLE",
      "SSH_AUTH_FAILED",
      "SSH_HOST_KEY_MISMATCH",
      "SSH_HOST_KEY_UNKNOWN",
      "COLLECT_FAILED",
    ]);
    expect(LOAD_DEPENDENT_CODES).toEqual(["COLLECT_SLOW"]);
  });

  it("is the README's list of checks, row for row", () => {
    const readme = readFileSync(join(__dirname, "..", "..", "..", "README.md"), "utf8");
    expect(readme).toContain(checksTable());
    expect(withChecksTable(readme)).toBe(readme);
    for (const code of FINDING_CODES) expect(checksTable()).toContain(`| \`${code}\` |`);
  });
});
