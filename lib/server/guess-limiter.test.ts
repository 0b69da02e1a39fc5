import { beforeEach, describe, expect, it } from "vitest";
import { guessBlockedForMs, recordGuessFailure } from "./guess-limiter";

describe("the guess limiter", () => {
  beforeEach(() => {
    delete (globalThis as Record<symbol, unknown>)[Symbol.for("rerun-doctor.guess-failures")];
  });

  it("blocks a source after ten failures in a minute, for what is left of that minute", () => {
    for (let i = 0; i < 9; i++) recordGuessFailure("198.51.100.1", 1_000 + i);
    expect(guessBlockedForMs("198.51.100.1", 2_000)).toBe(0);
    recordGuessFailure("198.51.100.1", 1_009);
    expect(guessBlockedForMs("198.51.100.1", 2_000)).toBe(59_000);
    expect(guessBlockedForMs("198.51.100.1", 61_000)).toBe(0);
  });

  it("keeps budgets apart: a guesser does not lock out another address", () => {
    for (let i = 0; i < 50; i++) recordGuessFailure("198.51.100.1", 1_000);
    expect(guessBlockedForMs("198.51.100.1", 1_000)).toBeGreaterThan(0);
    expect(guessBlockedForMs("198.51.100.9", 1_000)).toBe(0);
  });

  it("frees a source as soon as its oldest counted failure is a minute old", () => {
    for (let i = 0; i < 30; i++) recordGuessFailure("198.51.100.1", i * 1_000);
    expect(guessBlockedForMs("198.51.100.1", 29_000)).toBe(51_000);
    expect(guessBlockedForMs("198.51.100.1", 80_000)).toBe(0);
  });
});
