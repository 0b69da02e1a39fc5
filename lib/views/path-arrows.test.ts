import { describe, expect, it } from "vitest";
import { clientPath, makeObservation, vantageScan, vantageView, withReach } from "../diagnose/test-fixtures";
import { reportOf } from "../report/test-fixtures";
import type { MachineReport } from "../report/schema";
import { arrowOutcome, diagramState } from "./diagram";
import { pathsCell, vantageCell, vantageNames } from "./reach-cells";

const obs = (name: string, reach: Parameters<typeof withReach>[1]) => withReach(makeObservation({ target: { name } }), reach);
const open = [clientPath("services", "services", 4647, "Nomad RPC"), clientPath("vm", "vm-1", 22, "SSH to the VM")];
const FLEET = reportOf([
  obs("healthy", {
    paths: { unmeasured: null, paths: open },
    vantages: [
      vantageView(
        "office",
        vantageScan(() => "closed"),
      ),
    ],
  }),
  obs("no-8585", {
    paths: { unmeasured: null, paths: [...open, clientPath("services", "services", 8585, "output processor", "filtered")] },
    vantages: [
      vantageView(
        "office",
        vantageScan(() => "filtered"),
      ),
    ],
  }),
  obs("vm-blocked", {
    paths: { unmeasured: null, paths: [open[0]!, clientPath("vm", "vm-1", 2376, "Docker daemon on the VM", "closed")] },
    vantages: [vantageView("office", null, "its sshd refuses TCP forwarding")],
  }),
  obs("no-forwarding", { paths: { unmeasured: "sshd refuses TCP forwarding", paths: [] } }),
]).clients;
const byName = (name: string) => FLEET.find((c) => c.name === name)!;

const machine = (name: string, dashboard: "open" | "filtered" | "closed"): MachineReport => ({
  name,
  host: "198.51.100.60",
  from: [
    { source: "dashboard", usable: true, state: dashboard, reason: dashboard === "filtered" ? "no-response" : "syn-ack" },
    { source: "vpn", usable: false, state: null, reason: "unusable" },
  ],
});

describe("services and VM arrows", () => {
  it("fails the client on the arrow its path breaks, and is unknown where paths were not measured", () => {
    expect(["healthy", "no-8585", "vm-blocked", "no-forwarding"].map((n) => arrowOutcome(byName(n), "services"))).toEqual([
      "ok",
      "fail",
      "ok",
      "unknown",
    ]);
    expect(["healthy", "no-8585", "vm-blocked", "no-forwarding"].map((n) => arrowOutcome(byName(n), "vm-from-client"))).toEqual([
      "ok",
      "ok",
      "fail",
      "unknown",
    ]);
    const state = diagramState(FLEET);
    expect(state.arrows.services).toMatchObject({ status: "1 of 4 failing", tone: "bad", failingCodes: ["SERVICES_UNREACHABLE"] });
    expect(state.arrows["vm-from-client"]).toMatchObject({ failing: 1, unknown: 1, ok: 2 });
    expect(state.arrows["rerun-ports"]).toMatchObject({ failing: 1, failingCodes: ["RERUN_PORTS_FILTERED_FROM_VANTAGE"] });
  });

  it("draws the user → VM arrow from each VM's 54782, ignoring unusable vantages", () => {
    const state = diagramState(FLEET, null, { machines: [machine("vm-1", "filtered"), machine("vm-2", "closed")] });
    expect(state.arrows.machine).toMatchObject({
      status: "1 of 2 VMs failing",
      tone: "bad",
      failing: 1,
      ok: 1,
      summary: "54782 dropped for users on vm-1",
    });
    expect(diagramState(FLEET, "healthy", { machines: [machine("vm-2", "open")] }).arrows.machine).toMatchObject({ tone: "good", ok: 1 });
    expect(diagramState(FLEET).arrows.machine).toMatchObject({ status: "not configured", summary: "not configured in the inventory" });
  });
});

describe("vantage and path cells", () => {
  it("gives one column per vantage, with counts only where the vantage was usable", () => {
    expect(vantageNames(FLEET)).toEqual(["office"]);
    expect(vantageCell(byName("no-8585"), "office")).toMatchObject({
      label: "filtered",
      tone: "bad",
      counts: { open: 0, closed: 0, filtered: 1001 },
    });
    expect(vantageCell(byName("healthy"), "office")).toMatchObject({ label: "reachable", tone: "good" });
    expect(vantageCell(byName("vm-blocked"), "office")).toMatchObject({
      label: "vantage unusable",
      tone: "unknown",
      counts: null,
      evidence: "its sshd refuses TCP forwarding",
    });
    expect(vantageCell(byName("no-forwarding"), "office")).toMatchObject({ label: "—", counts: null });
  });

  it("summarises a client's paths", () => {
    expect(pathsCell(byName("healthy"))).toMatchObject({ label: "2 open", tone: "good" });
    expect(pathsCell(byName("no-8585"))).toMatchObject({
      label: "8585 filtered",
      tone: "bad",
      evidence: "services 8585 (output processor) filtered",
    });
    expect(pathsCell(byName("no-forwarding"))).toMatchObject({ label: "not measured", tone: "unknown" });
    expect(pathsCell(reportOf([makeObservation()]).clients[0]!)).toBeNull();
  });
});
