import { describe, expect, it } from "vitest";
import { makeObservation } from "../diagnose/test-fixtures";
import type { FindingCode, Severity } from "../diagnose/types";
import type { ClientReport } from "../report/schema";
import { reportOf } from "../report/test-fixtures";
import { applyFilters, readFilters, type MatrixFilters } from "./filters";

const HEALTHY = reportOf([makeObservation()]).clients[0]!;

function client(
  name: string,
  verdict: ClientReport["verdict"],
  advertisedIp: string | null,
  codes: [FindingCode, Severity][] = [],
): ClientReport {
  const findings = codes.map(([code, severity]) => ({ code, severity, title: code, detail: "", remediation: "" }));
  const uninspected = codes.some(([code]) => code.startsWith("SSH_"));
  return { ...HEALTHY, name, host: `host-of-${name}`, verdict, advertisedIp, findings, facts: uninspected ? null : HEALTHY.facts };
}

const CLIENTS = [
  client("nomad-client-10", "ok", "198.51.100.140"),
  client("nomad-client-2", "broken", "198.51.100.132", [["RERUN_PORTS_FILTERED", "error"]]),
  client("nomad-client-1", "unknown", null, [["SSH_UNREACHABLE", "error"]]),
  client("nomad-client-3", "degraded", "198.51.100.133", [["METADATA_TOKEN_REQUIRED", "warning"]]),
  client("edge-1", "broken", null, [
    ["METADATA_UNREACHABLE", "error"],
    ["ADVERTISED_IP_UNDETERMINED", "error"],
  ]),
];

const NONE: MatrixFilters = { verdicts: [], code: null, text: "", sort: "name", arrow: null };
const names = (filters: Partial<MatrixFilters>) => applyFilters(CLIENTS, { ...NONE, ...filters }).map((c) => c.name);

describe("readFilters", () => {
  it("defaults to no filter, sorted by verdict", () => {
    expect(readFilters(new URLSearchParams(""))).toEqual({ verdicts: [], code: null, text: "", sort: "verdict", arrow: null });
  });

  it("parses every param and drops what it does not know", () => {
    const params = new URLSearchParams("verdict=broken,bogus,ok&code=OVERRIDE_EMPTY&q=edge&sort=ip&arrow=rerun-ports");
    expect(readFilters(params)).toEqual({
      verdicts: ["broken", "ok"],
      code: "OVERRIDE_EMPTY",
      text: "edge",
      sort: "ip",
      arrow: "rerun-ports",
    });
    const bad = readFilters(new URLSearchParams("code=NOT_A_CODE&sort=random&arrow=user-to-moon"));
    expect(bad).toMatchObject({ code: null, sort: "verdict", arrow: null });
  });

  it("caps the search text", () => {
    expect(readFilters(new URLSearchParams(`q=${"x".repeat(500)}`)).text).toHaveLength(200);
  });
});

describe("applyFilters", () => {
  it("keeps the chosen verdicts", () => {
    expect(names({ verdicts: ["broken", "unknown"] })).toEqual(["edge-1", "nomad-client-1", "nomad-client-2"]);
  });

  it("keeps clients with the finding code", () => {
    expect(names({ code: "RERUN_PORTS_FILTERED" })).toEqual(["nomad-client-2"]);
  });

  it("matches text in name, host, advertised IP and codes, case-insensitively", () => {
    expect(names({ text: "EDGE" })).toEqual(["edge-1"]);
    expect(names({ text: "host-of-nomad-client-3" })).toEqual(["nomad-client-3"]);
    expect(names({ text: "100.140" })).toEqual(["nomad-client-10"]);
    expect(names({ text: " ssh_unreachable " })).toEqual(["nomad-client-1"]);
  });

  it("keeps only the clients that fail the arrow", () => {
    expect(names({ arrow: "rerun-ports" })).toEqual(["nomad-client-2"]);
    expect(names({ arrow: "inspect" })).toEqual(["nomad-client-1"]);
    expect(names({ arrow: "metadata" })).toEqual(["edge-1"]);
    expect(names({ arrow: "advertise" })).toEqual(["edge-1"]);
    expect(names({ arrow: "machine" })).toEqual([]);
  });

  it("combines filters", () => {
    expect(names({ arrow: "metadata", verdicts: ["degraded"] })).toEqual([]);
    expect(names({ verdicts: ["broken"], text: "nomad" })).toEqual(["nomad-client-2"]);
  });

  it("sorts by verdict then name, by name with numbers in order, or by IP with none last", () => {
    expect(names({ sort: "verdict" })).toEqual(["edge-1", "nomad-client-2", "nomad-client-1", "nomad-client-3", "nomad-client-10"]);
    expect(names({ sort: "name" })).toEqual(["edge-1", "nomad-client-1", "nomad-client-2", "nomad-client-3", "nomad-client-10"]);
    expect(names({ sort: "ip" })).toEqual(["nomad-client-2", "nomad-client-3", "nomad-client-10", "edge-1", "nomad-client-1"]);
  });

  it("does not mutate its input", () => {
    const before = CLIENTS.map((c) => c.name);
    names({ sort: "name" });
    expect(CLIENTS.map((c) => c.name)).toEqual(before);
  });
});
