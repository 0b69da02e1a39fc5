import { isServerVersionBelow } from "./advertised-ip";

/** Ports of CircleCI Server's SSH rerun architecture, as its docs and server-terraform open them. */
export interface ServicePort {
  readonly port: number;
  readonly purpose: string;
}

/** Users SSH into a machine job's VM here. */
export const VM_USER_PORT = 54782;

/** Nomad clients drive machine-job VMs over these. */
export const VM_PORTS: readonly ServicePort[] = [
  { port: 22, purpose: "SSH to the VM" },
  { port: 2376, purpose: "Docker daemon on the VM" },
];

const COMMON: readonly ServicePort[] = [
  { port: 4647, purpose: "Nomad RPC" },
  { port: 8585, purpose: "output processor" },
];

/** Server 2.x reaches its services box on 7171 and 3001; Server 3 and later on 3000 (the VM service). */
export const isLegacyServer = (serverVersion: string): boolean => isServerVersionBelow(serverVersion, "3.0");

/** What a Nomad client needs of the services machine, by Server version. */
export function servicesPorts(serverVersion: string): readonly ServicePort[] {
  return isLegacyServer(serverVersion)
    ? [...COMMON, { port: 7171, purpose: "Server 2.x services" }, { port: 3001, purpose: "Server 2.x VM service" }]
    : [...COMMON, { port: 3000, purpose: "VM service" }];
}

/** "4647, 8585 and 3000 (7171 and 3001 before Server 3)": the services ports of every version, in words. */
export function servicesPortsWords(): string {
  const current = servicesPorts("4").map((p) => p.port);
  const legacy = servicesPorts("2")
    .filter((p) => !current.includes(p.port))
    .map((p) => p.port);
  return `${current.slice(0, -1).join(", ")} and ${current.at(-1)} (${legacy.join(" and ")} before Server 3)`;
}

/** "4647 · 8585 · 3000": a list of ports as the figure writes it. */
export const portList = (ports: readonly ServicePort[], separator = " · "): string => ports.map((p) => p.port).join(separator);
