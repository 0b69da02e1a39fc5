import { describe, expect, it } from "vitest";
import { diagnoseClient } from "./diagnose-client";
import { diagnoseReachFleet } from "./rules-vantage";
import {
  ALL_CLOSED,
  clientPath,
  codesOf,
  CTX,
  findingOf,
  makeObservation,
  portProbes,
  probed,
  vantageScan,
  vantageView,
  withReach,
} from "./test-fixtures";
import type { FleetObservation } from "./reach-types";

const PODMAN = { from: 32768, to: 60999 };

describe("rerun ports from vantages", () => {
  it("breaks a client that a vantage sees filtered while the dashboard sees it closed, naming the users affected", () => {
    const obs = withReach(makeObservation({ probe: ALL_CLOSED }), {
      vantages: [
        vantageView(
          "office-bastion",
          vantageScan(() => "filtered"),
        ),
      ],
    });
    const diagnosis = diagnoseClient(obs, CTX);
    expect(diagnosis.verdict).toBe("broken");
    const finding = findingOf(diagnosis, "RERUN_PORTS_FILTERED_FROM_VANTAGE");
    expect(finding.severity).toBe("error");
    expect(finding.title).toContain("users behind office-bastion");
    expect(finding.detail).toContain("1001 of 1001 ports probed on 198.51.100.131");
    expect(finding.detail).toContain("Reruns fail for users behind office-bastion; they work from the dashboard's network.");
  });

  it("names the filtered ranges of a partial block and says when the dashboard fails too", () => {
    const obs = withReach(makeObservation({ probe: probed(portProbes((p) => (p > 65000 ? "filtered" : "closed"))) }), {
      vantages: [
        vantageView(
          "vpn",
          vantageScan((p) => (p > 65000 ? "filtered" : "closed")),
        ),
      ],
    });
    const finding = findingOf(diagnoseClient(obs, CTX), "RERUN_PORTS_FILTERED_FROM_VANTAGE");
    expect(finding.detail).toContain("65001–65535 (535 ports)");
    expect(finding.detail).toContain("they fail from the dashboard's network too");
  });

  it("ignores an unusable vantage, a lost scan and a vantage that sees no filtering", () => {
    const lost = { ...vantageScan(() => "filtered"), lost: "SSH connection was lost" };
    const obs = withReach(makeObservation(), {
      vantages: [
        vantageView(
          "broken",
          vantageScan(() => "filtered"),
          "it cannot reach 198.51.100.11:22",
        ),
        vantageView("flaky", lost),
        vantageView(
          "fine",
          vantageScan(() => "closed"),
        ),
      ],
    });
    const diagnosis = diagnoseClient(obs, CTX);
    expect(codesOf(diagnosis)).toEqual([]);
    expect(diagnosis.verdict).toBe("ok");
  });
});

describe("services and VM paths from the client", () => {
  const services = (state8585: "open" | "filtered" | "closed") => [
    clientPath("services", "services", 4647, "Nomad RPC"),
    clientPath("services", "services", 8585, "output processor", state8585),
    clientPath("services", "services", 3000, "VM service"),
  ];

  it("names the services port that is not reachable and what it is for", () => {
    const obs = withReach(makeObservation(), { paths: { unmeasured: null, paths: services("filtered") } });
    const diagnosis = diagnoseClient(obs, CTX);
    const finding = findingOf(diagnosis, "SERVICES_UNREACHABLE");
    expect(finding.title).toBe("Services machine unreachable from this client on 8585 (output processor)");
    expect(finding.detail).toContain("8585 (output processor) filtered (no-response)");
    expect(finding.detail).not.toContain("4647");
    expect(diagnosis.verdict).toBe("broken");
  });

  it("reports VMs the client cannot reach on 22 or 2376, per VM", () => {
    const paths = [
      ...services("open"),
      clientPath("vm", "vm-1", 22, "SSH to the VM"),
      clientPath("vm", "vm-1", 2376, "Docker daemon on the VM", "closed"),
    ];
    const diagnosis = diagnoseClient(withReach(makeObservation(), { paths: { unmeasured: null, paths } }), CTX);
    expect(codesOf(diagnosis)).toEqual(["VM_UNREACHABLE_FROM_CLIENT"]);
    expect(findingOf(diagnosis, "VM_UNREACHABLE_FROM_CLIENT").detail).toContain(
      "vm-1 (198.51.100.60): 2376 (Docker daemon on the VM) closed (conn-refused)",
    );
  });

  it("says so when the paths could not be measured, without breaking the client", () => {
    const diagnosis = diagnoseClient(
      withReach(makeObservation(), { paths: { unmeasured: "sshd on c1 refuses TCP forwarding", paths: [] } }),
      CTX,
    );
    expect(findingOf(diagnosis, "PATHS_NOT_MEASURED").severity).toBe("info");
    expect(diagnosis.verdict).toBe("ok");
  });
});

describe("Podman rerun range", () => {
  it("warns when an explicit range misses Podman's ports", () => {
    const ctx = { ...CTX, rerunPortsExplicit: true, podmanPorts: PODMAN };
    const finding = findingOf(diagnoseClient(makeObservation({ facts: { runtime: "podman" } }), ctx), "RERUN_RANGE_MISMATCH");
    expect(finding).toMatchObject({ severity: "warning", title: "Client runs Podman: reruns use 32768–60999, not 64535–65535" });
  });

  it("stays quiet for Docker, for the default range, and for a range that covers Podman's", () => {
    const explicit = { ...CTX, rerunPortsExplicit: true, podmanPorts: PODMAN };
    expect(codesOf(diagnoseClient(makeObservation(), explicit))).toEqual([]);
    // The inventory declared it: probed on Podman's own range.
    const declared = withReach(makeObservation({ facts: { runtime: "podman" }, probe: probed(portProbes(() => "closed", PODMAN)) }), {
      rerunRange: PODMAN,
    });
    expect(codesOf(diagnoseClient(declared, { ...CTX, podmanPorts: PODMAN }))).toEqual([]);
    // Not declared: the client's own word changes no range, but it is reported.
    const undeclared = diagnoseClient(makeObservation({ facts: { runtime: "podman" } }), { ...CTX, podmanPorts: PODMAN });
    expect(findingOf(undeclared, "RERUN_RANGE_MISMATCH").remediation).toMatch(/set runtime: podman on this client in the inventory/);
    const reach = { ...explicit, rerunPorts: { from: 32768, to: 65535 } };
    expect(
      codesOf(
        diagnoseClient(
          makeObservation({ facts: { runtime: "podman" }, probe: probed(portProbes(() => "closed", reach.rerunPorts)) }),
          reach,
        ),
      ),
    ).toEqual([]);
  });

  it("judges a Podman client's filtered ports on its own range", () => {
    const obs = withReach(
      makeObservation({ facts: { runtime: "podman" }, probe: probed(portProbes(() => "filtered", { from: 32768, to: 32800 })) }),
      { rerunRange: { from: 32768, to: 32800 } },
    );
    expect(findingOf(diagnoseClient(obs, CTX), "RERUN_PORTS_FILTERED").title).toBe("Rerun ports 32768–32800 are all filtered");
  });
});

describe("fleet-wide findings", () => {
  const fleet: FleetObservation = {
    vantages: [
      { name: "office-bastion", host: "bastion.example", check: "198.51.100.11:22", unusable: null },
      { name: "vpn-box", host: "10.8.0.4", check: "198.51.100.11:22", unusable: "its sshd refuses TCP forwarding" },
    ],
    machines: [
      {
        name: "vm-1",
        host: "198.51.100.60",
        from: [
          { source: "dashboard", unusable: null, probe: { port: 54782, state: "open", reason: "syn-ack", rttMs: 1 } },
          { source: "office-bastion", unusable: null, probe: { port: 54782, state: "filtered", reason: "no-response", rttMs: 1500 } },
          { source: "vpn-box", unusable: "its sshd refuses TCP forwarding", probe: null },
        ],
      },
      {
        name: "vm-2",
        host: "198.51.100.61",
        from: [{ source: "dashboard", unusable: null, probe: { port: 54782, state: "closed", reason: "conn-refused", rttMs: 1 } }],
      },
    ],
  };

  it("reports an unusable vantage as a warning and a VM's 54782 filtered from usable sources only", () => {
    const findings = diagnoseReachFleet(fleet);
    expect(findings.map((f) => [f.code, f.severity])).toEqual([
      ["VANTAGE_UNUSABLE", "warning"],
      ["VM_PORT_54782_FILTERED", "error"],
    ]);
    expect(findings[0]!.detail).toContain("its sshd refuses TCP forwarding");
    expect(findings[1]!.title).toBe("Users cannot reach machine-job VM vm-1 on 54782 from office-bastion");
    expect(diagnoseReachFleet(null)).toEqual([]);
  });
});
