import { describe, expect, it } from "vitest";
import { makeObservation, overrideFile, sessionFailed } from "../diagnose/test-fixtures";
import { buildReport } from "./build-report";
import { CTX } from "../diagnose/test-fixtures";
import { renderMarkdown } from "./render-markdown";
import { escapeMarkdown } from "./sanitize";
import { HOSTILE_NAME, reportOf } from "./test-fixtures";

const unescapedPipes = (line: string) => line.replace(/\\\|/g, "").split("|").length - 1;

describe("renderMarkdown", () => {
  const report = reportOf(
    [
      makeObservation({ target: { name: "healthy" } }),
      makeObservation({ target: { name: HOSTILE_NAME }, facts: { override: overrideFile("<script>x</script>|`rm`\n") } }),
      makeObservation({ target: { name: "locked" }, collect: sessionFailed({ kind: "auth-failed", message: "denied" }) }),
    ],
    "run-<b>42</b>",
  );
  const markdown = renderMarkdown(report);

  it("starts with the run id, times, server version and verdict counts", () => {
    expect(markdown.split("\n")[0]).toBe("# Rerun Doctor report run-&lt;b&gt;42&lt;/b&gt;");
    expect(markdown).toContain("- Started: 2024-05-01T10:00:00.000Z");
    expect(markdown).toContain("- Finished: 2024-05-01T10:00:05.000Z");
    expect(markdown).toContain("CircleCI Server 4.8, rerun ports 64535–65535");
    expect(markdown).toContain("3 clients: 1 ok, 0 degraded, 1 broken, 1 unknown");
  });

  it("has a client table whose rows keep their six cells despite hostile values", () => {
    const rows = markdown.split("\n").filter((line) => line.startsWith("|"));
    expect(rows).toHaveLength(2 + 3);
    for (const row of rows) expect(unescapedPipes(row)).toBe(7);
  });

  it("never lets remote values inject HTML, code spans or terminal escapes", () => {
    expect(markdown).not.toMatch(/<script|<b>/i);
    expect(markdown).not.toMatch(/[\u0000-\u0009\u000b-\u001f]/);
    expect(markdown).not.toMatch(/(^|[^\\])`rm/);
    expect(markdown).toContain("&lt;script&gt;");
  });

  it("lists each finding with title, detail and remediation, worst first, for clients with findings", () => {
    expect(markdown).not.toContain("### healthy");
    expect(markdown).toContain("**Error, `OVERRIDE_INVALID`: Invalid /etc/circleci/public-ipv4: not an IPv4 address**");
    expect(markdown).toContain("**Error, `SSH_AUTH_FAILED`: SSH key refused by locked**");
    expect(markdown).toMatch(/\*Remediation:\* .*X-aws-ec2-metadata-token-ttl-seconds: 300/);
  });

  it("says a run is still running when it has no finish time", () => {
    const running = buildReport({ runId: "r", startedAt: "t0", finishedAt: null, ctx: CTX, clients: [] });
    expect(renderMarkdown(running)).toContain("- Finished: still running");
  });
});

describe("escapeMarkdown", () => {
  it.each([
    ["a|b", "a\\|b"],
    ["<img src=x>", "&lt;img src=x&gt;"],
    ["*bold* _it_ [l](u) `c`", "\\*bold\\* \\_it\\_ \\[l\\](u) \\`c\\`"],
    ["# heading", "\\# heading"],
    ["- item", "\\- item"],
    ["1. item", "1\\. item"],
    ["198.51.100.1 (override)", "198.51.100.1 (override)"],
    ["-5 ports", "-5 ports"],
    ["line\nbreak", "line break"],
    ["bell\u0007", "bell\\\\x07"],
  ])("%j → %j", (input, expected) => {
    expect(escapeMarkdown(input)).toBe(expected);
  });
});
