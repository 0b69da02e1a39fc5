import { expect } from "vitest";
import { AppError } from "../common/app-error";
import type { Env } from "./expand";
import { parseInventory } from "./load";

/** The problem lines of an inventory that must be rejected; fails the test when it is accepted. */
export function problemsOf(text: string, file: string, env: Env): readonly string[] {
  try {
    parseInventory(text, file, env);
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return (error as AppError).problems;
  }
  throw new Error("expected the inventory to be rejected");
}
