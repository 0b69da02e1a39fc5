import { describe, expect, it } from "vitest";
import { safeNext } from "./safe-next";

describe("safeNext", () => {
  it.each([
    ["/", "/"],
    ["/?sort=name", "/?sort=name"],
    ["/runs/abc?client=x%20y", "/runs/abc?client=x%20y"],
    ["/runs/abc#matrix", "/runs/abc"],
    ["/%2F%2Fevil.example", "/%2F%2Fevil.example"],
  ])("keeps the same-origin path %j as %j", (next, expected) => {
    expect(safeNext(next)).toBe(expected);
  });

  it.each([
    "/\t/evil.example",
    "/\n/evil.example",
    "/\r\n/evil.example",
    " //evil.example",
    "//evil.example",
    "/\\evil.example",
    "\\\\evil.example",
    "/.//evil.example",
    "/a/..//evil.example",
    "https://evil.example/",
    "javascript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "",
  ])("sends %j home instead", (next) => {
    expect(safeNext(next)).toBe("/");
  });

  it("sends a missing value home", () => {
    expect(safeNext(undefined)).toBe("/");
    expect(safeNext(null)).toBe("/");
  });
});
