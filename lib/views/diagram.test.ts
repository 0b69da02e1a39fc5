import { describe, expect, it } from "vitest";
import {
  IMDS_SILENT,
  makeImds,
  makeObservation,
  overrideFile,
  portProbes,
  probed,
  sessionFailed,
  skipped,
} from "../diagnose/test-fixtures";
import type { ClientFacts, CollectOutcome, ImdsFacts } from "../collect/types";
import type { ClientObservation, ProbeOutcome } from "../diagnose/types";
import type { ClientReport } from "../report/schema";
import { reportOf } from "../report/test-fixtures";
import { arrowHref, arrowOutcome, clientFailsArrow, diagramState } from "./diagram";
import { ARROW_CODES, ARROW_IDS } from "../diagnose/catalog";

let next = 130;
/** A client with its own public IP (sharing one would add OVERRIDE_DUPLICATE to them all). */
function obs(
  name: string,
  rest: { facts?: Partial<ClientFacts>; imds?: Partial<ImdsFacts>; collect?: CollectOutcome; probe?: ProbeOutcome } = {},
): ClientObservation {
  const ip = `198.51.100.${next++}`;
  const imds = makeImds({ publicIpv4: { status: 200, value: ip }, ...rest.imds });
  const probe =
    rest.probe ??
    probed(
      portProbes(() => "closed"),
      ip,
    );
  const collect = rest.collect ? { collect: rest.collect } : {};
  return makeObservation({ target: { name, host: `198.51.100.${next - 120}` }, facts: { imds, ...rest.facts }, probe, ...collect });
}

/** One client per failure the diagram has an arrow for, diagnosed by the real engine. */
const FLEET: readonly ClientReport[] = reportOf([
  obs("healthy"),
  obs("sg-drops", {
    probe: probed(
      portProbes(() => "filtered"),
      "198.51.100.200",
    ),
  }),
  obs("sg-partial", {
    probe: probed(
      portProbes((port) => (port > 65035 ? "filtered" : "closed")),
      "198.51.100.201",
    ),
  }),
  obs("key-changed", {
    collect: sessionFailed({ kind: "host-key-mismatch", presented: "SHA256:new", known: ["SHA256:old"] }),
    probe: skipped("the client could not be inspected"),
  }),
  obs("imds-v2", { imds: { tokenlessStatus: 401 } }),
  obs("empty-override", { facts: { override: overrideFile("\n") }, probe: skipped("no advertised IP") }),
  obs("imds-blocked", { imds: IMDS_SILENT, probe: skipped("no advertised IP") }),
  obs("not-probed", { probe: skipped("the dashboard cannot route to it", "198.51.100.202") }),
]).clients;

const byName = (name: string) => FLEET.find((c) => c.name === name)!;

describe("arrowOutcome / clientFailsArrow", () => {
  it("maps each client to the arrow its findings break", () => {
    const failing = (id: (typeof ARROW_IDS)[number]) => FLEET.filter((c) => clientFailsArrow(c, id)).map((c) => c.name);
    expect(failing("inspect")).toEqual(["key-changed"]);
    expect(failing("metadata")).toEqual(["imds-blocked"]);
    expect(failing("advertise")).toEqual(["empty-override", "imds-blocked"]);
    expect(failing("rerun-ports")).toEqual(["sg-drops", "sg-partial"]);
    for (const id of ["machine", "vm-from-client", "services"] as const) expect(failing(id)).toEqual([]);
  });

  it("counts a client not inspected as unknown past the SSH arrow, not as failing", () => {
    const client = byName("key-changed");
    expect(ARROW_IDS.map((id) => arrowOutcome(client, id))).toEqual(["fail", "unknown", "unknown", "unknown", "none", "none", "none"]);
  });

  it("warns on metadata warnings and treats an unprobed range as unknown", () => {
    expect(arrowOutcome(byName("imds-v2"), "metadata")).toBe("warn");
    expect(arrowOutcome(byName("not-probed"), "rerun-ports")).toBe("unknown");
    expect(arrowOutcome(byName("healthy"), "rerun-ports")).toBe("ok");
  });

  it("fails advertise on both clients of a copied override", () => {
    const copied = { facts: { override: overrideFile("198.51.100.250\n"), interfaces: ["198.51.100.250"] } };
    const [a, b] = reportOf([obs("copy-a", copied), obs("copy-b", copied)]).clients;
    expect([a, b].map((c) => c!.findings.map((f) => f.code))).toEqual([["OVERRIDE_DUPLICATE"], ["OVERRIDE_DUPLICATE"]]);
    expect([a, b].map((c) => clientFailsArrow(c!, "advertise"))).toEqual([true, true]);
  });

  it("takes each arrow's codes from the catalog, and judges VMs per VM, never per client", () => {
    expect(ARROW_CODES.machine).toEqual(["VM_PORT_54782_FILTERED"]);
    expect(ARROW_CODES["rerun-ports"]).not.toContain("RERUN_PORTS_NOT_PROBED");
    expect(ARROW_CODES.services).toEqual(["SERVICES_UNREACHABLE", "PATHS_NOT_MEASURED"]);
    expect(FLEET.map((c) => arrowOutcome(c, "machine"))).toEqual(FLEET.map(() => "none"));
  });
});

describe("diagramState", () => {
  const state = diagramState(FLEET, null, { rerunPorts: { from: 64535, to: 65535 }, serverVersion: "4.8" });

  it("has one arrow per id, counts adding up to the fleet", () => {
    expect(Object.keys(state.arrows)).toEqual([...ARROW_IDS]);
    for (const id of ["inspect", "metadata", "advertise", "rerun-ports"] as const) {
      const arrow = state.arrows[id];
      expect(arrow.failing + arrow.warning + arrow.unknown + arrow.ok, id).toBe(FLEET.length);
    }
  });

  it("says how many clients fail the rerun ports, and why", () => {
    expect(state.arrows["rerun-ports"]).toMatchObject({
      label: "ports 64535–65535",
      status: "2 of 8 failing",
      failing: 2,
      unknown: 4,
      ok: 2,
      tone: "bad",
      failingCodes: ["RERUN_PORTS_FILTERED", "RERUN_PORTS_PARTIALLY_FILTERED"],
    });
    expect(state.arrows["rerun-ports"].summary).toBe(
      "2 of 8 clients fail: security group drops the range; security group drops part of the range; 4 not probed",
    );
  });

  it("fails metadata on errors only and lists warnings apart", () => {
    const metadata = state.arrows.metadata;
    expect(metadata).toMatchObject({ failing: 1, warning: 1, unknown: 1, ok: 5, tone: "bad", failingCodes: ["METADATA_UNREACHABLE"] });
    expect(metadata.summary).toBe(
      "1 of 8 clients fails: metadata does not answer; 1 with a warning: IMDSv2 tokens are required; 1 not inspected",
    );
  });

  it("draws unmeasured arrows as not configured", () => {
    for (const id of ["machine", "vm-from-client", "services"] as const) {
      expect(state.arrows[id]).toMatchObject({ tone: "none", status: "not configured", failing: 0 });
    }
    expect(state.arrows.machine.label).toBe("port 54782");
    expect(state.arrows.services.label).toBe("4647 · 8585 · 3000");
    expect(diagramState(FLEET, null, { serverVersion: "2.19" }).arrows.services.label).toBe("4647 · 8585 · 7171 · 3001");
  });

  it("is one client's state when a client is selected", () => {
    const one = diagramState(FLEET, "sg-drops");
    expect(one.total).toBe(1);
    expect(one.arrows["rerun-ports"]).toMatchObject({
      tone: "bad",
      status: "failing",
      summary: "sg-drops fails: security group drops the range",
    });
    expect(one.arrows.inspect).toMatchObject({ tone: "good", status: "ok", summary: "sg-drops: ok" });
    expect(diagramState(FLEET, "key-changed").arrows.metadata).toMatchObject({ tone: "unknown", summary: "key-changed: not inspected" });
    expect(diagramState(FLEET, "imds-v2").arrows.metadata).toMatchObject({ tone: "warn", status: "warning" });
  });

  it("is unknown, not good, for an empty fleet or a client not in the run", () => {
    expect(diagramState([]).arrows.inspect).toMatchObject({ tone: "unknown", status: "no clients", summary: "no clients in this run" });
    expect(diagramState(FLEET, "gone").arrows.inspect.summary).toBe("gone is not in this run");
  });

  it("takes the rerun range from the report", () => {
    expect(diagramState(FLEET, null, { rerunPorts: { from: 32768, to: 60999 } }).arrows["rerun-ports"].label).toBe("ports 32768–60999");
  });
});

describe("arrowHref", () => {
  it("filters the matrix to an arrow, keeping other params and the selected client", () => {
    expect(arrowHref("r1", "rerun-ports")).toBe("/?run=r1&arrow=rerun-ports");
    expect(arrowHref("r1", "metadata", "?run=old&sort=name&arrow=inspect")).toBe("/?run=r1&sort=name&arrow=metadata");
    expect(arrowHref("r 1", "inspect", "", "nomad client&1")).toBe("/?run=r+1&arrow=inspect&client=nomad+client%261");
  });
});
