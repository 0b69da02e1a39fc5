import type { ClientReport, MachineReport } from "../report/schema";
import type { Tone } from "./matrix-cells";
import type { ArrowState } from "./diagram";
import type { ArrowId } from "../diagnose/catalog";
import { machineOutcome } from "./reach-cells";

/** Services and VM arrows exist for a client only when the inventory configured those paths; VMs belong to no client. */
export function pathConfigured(client: ClientReport, id: ArrowId): boolean {
  if (id === "machine") return false;
  if (id !== "services" && id !== "vm-from-client") return true;
  if (client.paths === undefined) return false;
  return client.pathsNote != null || client.paths.some((p) => p.kind === (id === "services" ? "services" : "vm"));
}

/** The user → VM arrow counts VMs, whatever client is selected: VMs belong to no one client. */
export function machineArrow(machines: readonly MachineReport[], base: Pick<ArrowState, "id" | "name" | "label" | "total">): ArrowState {
  const outcomes = machines.map(machineOutcome);
  const failing = outcomes.filter((o) => o === "fail").length;
  const unknown = outcomes.filter((o) => o === "unknown").length;
  const ok = outcomes.length - failing - unknown;
  const total = machines.length;
  const tone: Tone = failing > 0 ? "bad" : ok === 0 ? "unknown" : "good";
  const status =
    failing > 0 ? `${failing} of ${total} VMs failing` : ok === 0 ? `${unknown} of ${total} VMs unknown` : `${ok} of ${total} VMs ok`;
  const failingNames = machines.filter((_, i) => outcomes[i] === "fail").map((m) => m.name);
  const summary = failing > 0 ? `54782 dropped for users on ${failingNames.join(", ")}` : status;
  return {
    ...base,
    total,
    status,
    failing,
    warning: 0,
    unknown,
    ok,
    tone,
    failingCodes: failing > 0 ? ["VM_PORT_54782_FILTERED"] : [],
    summary,
  };
}
