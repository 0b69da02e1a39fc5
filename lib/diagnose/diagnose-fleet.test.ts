import { describe, expect, it } from "vitest";
import { diagnoseFleet } from "./diagnose-fleet";
import { CTX, codesOf, findingOf, makeObservation, overrideFile, sessionFailed } from "./test-fixtures";

const withOverride = (name: string, ip: string, host: string) =>
  makeObservation({ target: { name, host }, facts: { override: overrideFile(`${ip}\n`), interfaces: [host] } });

describe("diagnoseFleet", () => {
  it("flags every one of three clients sharing an advertised IP, naming the others", () => {
    const fleet = [
      withOverride("client-a", "198.51.100.11", "198.51.100.11"),
      withOverride("client-b", "198.51.100.11", "198.51.100.12"),
      withOverride("client-c", "198.51.100.11", "198.51.100.13"),
      withOverride("client-d", "198.51.100.14", "198.51.100.14"),
    ];
    const diagnoses = diagnoseFleet(fleet, CTX);
    const a = findingOf(diagnoses[0]!, "OVERRIDE_DUPLICATE");
    expect(a.severity).toBe("error");
    expect(a.detail).toContain("client-b and client-c");
    expect(a.detail).not.toContain("client-a");
    expect(findingOf(diagnoses[1]!, "OVERRIDE_DUPLICATE").detail).toContain("client-a and client-c");
    expect(findingOf(diagnoses[2]!, "OVERRIDE_DUPLICATE").detail).toContain("client-a and client-b");
    expect(codesOf(diagnoses[3]!)).toEqual([]);
    expect(diagnoses.map((d) => d.verdict)).toEqual(["broken", "broken", "broken", "ok"]);
  });

  it("keeps the copies' own findings (stale) next to the duplicate", () => {
    const diagnoses = diagnoseFleet(
      [withOverride("a", "198.51.100.11", "198.51.100.11"), withOverride("b", "198.51.100.11", "198.51.100.12")],
      CTX,
    );
    expect(codesOf(diagnoses[0]!)).toEqual(["OVERRIDE_DUPLICATE"]);
    expect(codesOf(diagnoses[1]!)).toEqual(["OVERRIDE_DUPLICATE", "OVERRIDE_STALE"]);
  });

  it("does not pair clients with no advertised IP, and keeps input order and unknown verdicts", () => {
    const unreachable = sessionFailed({ kind: "unreachable", reason: "timeout", message: "timed out" });
    const fleet = [
      makeObservation({ target: { name: "x" }, collect: unreachable }),
      makeObservation({ target: { name: "y" }, collect: unreachable }),
      makeObservation({ target: { name: "z" } }),
    ];
    const diagnoses = diagnoseFleet(fleet, CTX);
    expect(diagnoses.map((d) => d.verdict)).toEqual(["unknown", "unknown", "ok"]);
    expect(diagnoses.flatMap(codesOf)).toEqual(["SSH_UNREACHABLE", "SSH_UNREACHABLE"]);
  });

  it("an empty fleet gives no diagnoses", () => {
    expect(diagnoseFleet([], CTX)).toEqual([]);
  });
});
