import { servicesPorts, VM_PORTS } from "../diagnose/circleci-ports";
import type { ClientPath, PathProbe } from "../diagnose/reach-types";
import type { Inventory } from "../inventory/types";

export interface PlannedPath {
  readonly kind: ClientPath["kind"];
  readonly target: string;
  readonly host: string;
  readonly port: number;
  readonly purpose: string;
}

/** Every services and VM port a client should reach, in a stable order. */
export function planClientPaths(inventory: Inventory): PlannedPath[] {
  const services = inventory.services;
  const toServices = services
    ? servicesPorts(inventory.server.version).map(({ port, purpose }) => ({
        kind: "services" as const,
        target: "services",
        host: services.host,
        port,
        purpose,
      }))
    : [];
  const toVms = inventory.machines.flatMap((m) =>
    VM_PORTS.map(({ port, purpose }) => ({ kind: "vm" as const, target: m.name, host: m.host, port, purpose })),
  );
  return [...toServices, ...toVms];
}

/** The sshd refused the channel by policy (AllowTcpForwarding, PermitOpen), which says nothing of the network. */
export const forwardingRefused = (probe: PathProbe): boolean => probe.reason === "admin-prohibited";
