import type { ClientFacts } from "../collect/types";
import type { PortRange } from "../common/ports";
import { finding } from "./catalog";
import type { ClientObservation, DiagnoseContext, Finding } from "./types";

const covers = (outer: PortRange, inner: PortRange) => outer.from <= inner.from && outer.to >= inner.to;

/** A client that reports Podman, probed on a range that misses Podman's own ports. */
export function rangeMismatchFindings(facts: ClientFacts, probed: PortRange, ctx: DiagnoseContext): Finding[] {
  const podman = ctx.podmanPorts;
  if (facts.runtime !== "podman" || covers(probed, podman)) return [];
  return [finding("RERUN_RANGE_MISMATCH", "warning", { configured: probed, podman, explicit: ctx.rerunPortsExplicit })];
}

/** From this client to the services machine and the VMs: anything but open breaks the path. */
export function pathFindings(obs: ClientObservation): Finding[] {
  const measured = obs.reach?.paths;
  if (!measured) return [];
  if (measured.unmeasured !== null) return [finding("PATHS_NOT_MEASURED", "info", { reason: measured.unmeasured })];
  const failing = measured.paths.filter((p) => p.probe.state !== "open");
  const services = failing.filter((p) => p.kind === "services");
  const vms = failing.filter((p) => p.kind === "vm");
  const findings: Finding[] = [];
  if (services.length > 0) findings.push(finding("SERVICES_UNREACHABLE", "error", { client: obs.target.name, failing: services }));
  if (vms.length > 0) findings.push(finding("VM_UNREACHABLE_FROM_CLIENT", "error", { client: obs.target.name, failing: vms }));
  return findings;
}
