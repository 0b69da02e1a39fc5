import { describe, expect, it } from "vitest";
import { IMDS_SILENT, makeImds, makeObservation, overrideFile, portProbes, probed, skipped } from "../diagnose/test-fixtures";
import { renderTable } from "./render-table";
import { HOSTILE_NAME, reportOf } from "./test-fixtures";

const FLEET = [
  makeObservation({ target: { name: "healthy" } }),
  makeObservation({ target: { name: HOSTILE_NAME }, facts: { override: overrideFile("\u001b]0;pwned\u0007") } }),
  makeObservation({
    target: { name: "n".repeat(60) },
    facts: { imds: IMDS_SILENT },
    probe: skipped("no advertised IP to probe"),
  }),
  makeObservation({
    target: { name: "listening" },
    facts: { imds: makeImds({ publicIpv4: { status: 200, value: "198.51.100.132" } }) },
    probe: probed(
      portProbes((port) => (port === 64600 ? "open" : "closed")),
      "198.51.100.132",
    ),
  }),
];

describe("renderTable", () => {
  const plain = renderTable(reportOf(FLEET), { color: false });
  const lines = plain.trimEnd().split("\n");

  it("has a header, a row per client and a summary line", () => {
    expect(lines[0]).toMatch(/^NAME\s+VERDICT\s+ADVERTISED IP\s+PORTS o\/c\/f\s+TOP FINDING$/);
    expect(lines).toHaveLength(1 + FLEET.length + 2);
    expect(lines.at(-1)).toBe("4 clients: 2 ok, 0 degraded, 2 broken, 0 unknown");
  });

  it("aligns columns: every row's verdict starts where the header's does", () => {
    const column = lines[0]!.indexOf("VERDICT");
    for (const row of lines.slice(1, 1 + FLEET.length)) {
      expect(row.slice(column)).toMatch(/^(ok|degraded|broken|unknown)\s/);
    }
  });

  it("shows IP with its source, port counts and the most severe finding", () => {
    expect(lines[1]).toMatch(/198\.51\.100\.131 \(metadata\)\s+0\/1001\/0\s+-$/);
    expect(lines[3]).toMatch(/- \(none\)\s+not probed\s+METADATA_UNREACHABLE: .*\(\+1 more\)/);
    expect(lines[4]).toMatch(/1\/1000\/0\s+RERUN_JOB_LISTENING/);
  });

  it("makes hostile remote strings inert: no escape, bell or newline from a remote host", () => {
    expect(plain).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f]/);
    expect(plain).toContain("evil\\x1b[31m|<script>");
    expect(lines[2]).toMatch(/^evil\\x1b/);
  });

  it("truncates long cells with an ellipsis", () => {
    expect(lines[3]).toMatch(/^n{31}… /);
  });

  it("colors only the verdict when asked", () => {
    const colored = renderTable(reportOf(FLEET), { color: true });
    const escapes = colored.match(/\u001b\[[0-9;]*m/g) ?? [];
    expect(escapes).toHaveLength(FLEET.length * 2);
    expect(colored).toContain("\u001b[31mbroken \u001b[0m");
    expect(colored).toContain("\u001b[32mok     \u001b[0m");
    expect(colored.replace(/\u001b\[[0-9;]*m/g, "")).toBe(plain);
  });
});
