import { isServerVersionBelow } from "../diagnose/advertised-ip";
import type { ClientPath, PathProbe } from "../diagnose/reach-types";
import type { Inventory } from "../inventory/types";

export interface PlannedPath {
  readonly kind: ClientPath["kind"];
  readonly target: string;
  readonly host: string;
  readonly port: number;
  readonly purpose: string;
}

/** Ports a Nomad client uses on the services machine: 7171 and 3001 on Server 2.x, 3000 later. */
export function servicesPorts(serverVersion: string): readonly (readonly [number, string])[] {
  const common = [
    [4647, "Nomad RPC"],
    [8585, "output processor"],
  ] as const;
  return isServerVersionBelow(serverVersion, "3.0")
    ? [...common, [7171, "Server 2.x services"], [3001, "Server 2.x VM service"]]
    : [...common, [3000, "VM service"]];
}

/** Every services and VM port a client should reach, in a stable order. */
export function planClientPaths(inventory: Inventory): PlannedPath[] {
  const services = inventory.services;
  const toServices = services
    ? servicesPorts(inventory.server.version).map(([port, purpose]) => ({ kind: "services" as const, target: "services", host: services.host, port, purpose }))
    : [];
  const toVms = inventory.machines.flatMap((m) => [
    { kind: "vm" as const, target: m.name, host: m.host, port: 22, purpose: "SSH to the VM" },
    { kind: "vm" as const, target: m.name, host: m.host, port: 2376, purpose: "Docker daemon on the VM" },
  ]);
  return [...toServices, ...toVms];
}

/** The sshd refused the channel by policy (AllowTcpForwarding, PermitOpen), which says nothing of the network. */
export const forwardingRefused = (probe: PathProbe): boolean => probe.reason === "admin-prohibited";
