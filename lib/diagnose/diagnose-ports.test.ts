import { describe, expect, it } from "vitest";
import { diagnoseClient } from "./diagnose-client";
import {
  CTX,
  IMDS_SILENT,
  PUBLIC_IP,
  codesOf,
  findingOf,
  makeFacts,
  makeImds,
  makeObservation,
  portProbes,
  probed,
  skipped,
} from "./test-fixtures";

describe("rerun port rules", () => {
  it("RERUN_PORTS_FILTERED when every port is filtered, with the rule to add", () => {
    const diagnosis = diagnoseClient(makeObservation({ probe: probed(portProbes(() => "filtered")) }), CTX);
    expect(codesOf(diagnosis)).toEqual(["RERUN_PORTS_FILTERED"]);
    const finding = findingOf(diagnosis, "RERUN_PORTS_FILTERED");
    expect(finding.severity).toBe("error");
    expect(finding.detail).toContain(`All 1001 ports probed on ${PUBLIC_IP}`);
    expect(finding.remediation).toContain("TCP 64535–65535 from the users' network");
    expect(diagnosis.verdict).toBe("broken");
  });

  it("uses the context's range in the remediation and mentions Podman's range on Podman clients", () => {
    const range = { from: 40000, to: 40009 };
    const obs = makeObservation({ facts: { runtime: "podman" }, probe: probed(portProbes(() => "filtered", range)) });
    const finding = findingOf(diagnoseClient(obs, { ...CTX, rerunPorts: range }), "RERUN_PORTS_FILTERED");
    expect(finding.remediation).toContain("TCP 40000–40009");
    expect(finding.remediation).toContain("32768–60999");
  });

  it("RERUN_PORTS_PARTIALLY_FILTERED names the filtered ranges and the counts", () => {
    const probe = probed(portProbes((port) => (port >= 65036 || port <= 64539 ? "filtered" : "closed")));
    const diagnosis = diagnoseClient(makeObservation({ probe }), CTX);
    expect(codesOf(diagnosis)).toEqual(["RERUN_PORTS_PARTIALLY_FILTERED"]);
    const finding = findingOf(diagnosis, "RERUN_PORTS_PARTIALLY_FILTERED");
    expect(finding.severity).toBe("error");
    expect(finding.detail).toContain("505 of 1001 ports");
    expect(finding.detail).toContain("64535–64539 (5 ports), 65036–65535 (500 ports)");
    expect(finding.detail).toContain("0 open, 496 closed, 505 filtered");
  });

  it("RERUN_JOB_LISTENING lists open ports with their escaped banners as info", () => {
    const ports = portProbes((port) => (port === 64784 || port === 64790 ? "open" : "closed")).map(
      (probe) => (probe.port === 64790 ? { ...probe, banner: "SSH-2.0-evil\\x1b[2J" } : probe), // as lib/probe/connect.ts escapes it
    );
    const diagnosis = diagnoseClient(makeObservation({ probe: probed(ports) }), CTX);
    expect(codesOf(diagnosis)).toEqual(["RERUN_JOB_LISTENING"]);
    const finding = findingOf(diagnosis, "RERUN_JOB_LISTENING");
    expect(finding.severity).toBe("info");
    expect(finding.detail).toContain('64784 ("SSH-2.0-OpenSSH_9.2p1")');
    expect(finding.detail).toContain('64790 ("SSH-2.0-evil\\x1b[2J")');
    expect(diagnosis.verdict).toBe("ok");
  });

  it("open and filtered ports together give both findings", () => {
    const probe = probed(portProbes((port) => (port === 64600 ? "open" : port > 65000 ? "filtered" : "closed")));
    const codes = codesOf(diagnoseClient(makeObservation({ probe }), CTX));
    expect(codes).toEqual(["RERUN_PORTS_PARTIALLY_FILTERED", "RERUN_JOB_LISTENING"]);
  });

  it("RERUN_PORTS_NOT_PROBED when an advertised IP was skipped, quoting the reason", () => {
    const probe = skipped("198.51.100.131 is outside probe.allowCidrs", PUBLIC_IP);
    const diagnosis = diagnoseClient(makeObservation({ probe }), CTX);
    expect(codesOf(diagnosis)).toEqual(["RERUN_PORTS_NOT_PROBED"]);
    const finding = findingOf(diagnosis, "RERUN_PORTS_NOT_PROBED");
    expect(finding).toMatchObject({ severity: "warning", detail: expect.stringContaining('"198.51.100.131 is outside probe.allowCidrs"') });
    expect(diagnosis.verdict).toBe("degraded");
  });

  it("adds nothing for a skipped probe when there is no advertised IP", () => {
    const facts = makeFacts({ imds: makeImds({ publicIpv4: { status: 404, value: null } }) });
    const obs = makeObservation({ facts, probe: skipped("no advertised IP to probe") });
    expect(codesOf(diagnoseClient(obs, CTX))).toEqual(["NO_PUBLIC_IP", "ADVERTISED_IP_UNDETERMINED"]);
  });

  it("an empty probe result adds nothing", () => {
    expect(codesOf(diagnoseClient(makeObservation({ probe: probed([]) }), CTX))).toEqual([]);
  });
});

describe("verdict", () => {
  it("ok with only info findings, degraded with a warning, broken with any error", () => {
    const info = makeObservation({ probe: probed(portProbes((port) => (port === 64535 ? "open" : "closed"))) });
    const warning = makeObservation({ facts: { imds: makeImds({ tokenlessStatus: 401 }) } });
    const error = makeObservation({ facts: { imds: IMDS_SILENT }, probe: skipped("no advertised IP to probe") });
    expect(diagnoseClient(info, CTX).verdict).toBe("ok");
    expect(diagnoseClient(warning, CTX).verdict).toBe("degraded");
    expect(diagnoseClient(error, CTX).verdict).toBe("broken");
  });

  it("findings come in the contract's code order", () => {
    const obs = makeObservation({
      facts: { imds: makeImds({ tokenlessStatus: 401, publicIpv4: { status: 404, value: null } }) },
      probe: skipped("no advertised IP to probe"),
    });
    const codes = codesOf(diagnoseClient(obs, { ...CTX, serverVersion: "3.4" }));
    expect(codes).toEqual(["METADATA_TOKEN_REQUIRED", "NO_PUBLIC_IP", "ADVERTISED_IP_UNDETERMINED"]);
  });
});
