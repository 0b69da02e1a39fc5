import type { ClientFacts } from "../collect/types";
import { DEFAULT_PODMAN_PORTS } from "../inventory/types";
import { type PortRange } from "../common/ports";
import { pathsNotMeasuredText, rangeMismatchText, servicesUnreachableText, vmUnreachableText } from "./texts-paths";
import type { ClientObservation, DiagnoseContext, Finding } from "./types";
import { makeFinding } from "./verdict";

const covers = (outer: PortRange, inner: PortRange) => outer.from <= inner.from && outer.to >= inner.to;

/** A Podman client probed on an inventory range that misses Podman's own ports. */
export function rangeMismatchFindings(facts: ClientFacts, ctx: DiagnoseContext): Finding[] {
  const podman = ctx.podmanPorts ?? DEFAULT_PODMAN_PORTS;
  if (facts.runtime !== "podman" || !ctx.rerunPortsExplicit || covers(ctx.rerunPorts, podman)) return [];
  return [makeFinding("RERUN_RANGE_MISMATCH", "warning", rangeMismatchText(ctx.rerunPorts, podman))];
}

/** From this client to the services machine and the VMs: anything but open breaks the path. */
export function pathFindings(obs: ClientObservation): Finding[] {
  const measured = obs.wide?.paths;
  if (!measured) return [];
  if (measured.unmeasured !== null) return [makeFinding("PATHS_NOT_MEASURED", "info", pathsNotMeasuredText(measured.unmeasured))];
  const failing = measured.paths.filter((p) => p.probe.state !== "open");
  const services = failing.filter((p) => p.kind === "services");
  const vms = failing.filter((p) => p.kind === "vm");
  const findings: Finding[] = [];
  if (services.length > 0) findings.push(makeFinding("SERVICES_UNREACHABLE", "error", servicesUnreachableText(obs.target.name, services)));
  if (vms.length > 0) findings.push(makeFinding("VM_UNREACHABLE_FROM_CLIENT", "error", vmUnreachableText(obs.target.name, vms)));
  return findings;
}
