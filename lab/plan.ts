import { createHash } from "node:crypto";
import { join } from "node:path";
import { EXTRA_CLIENT_SCENARIO, scenarioByName } from "./scenarios";
import { CANARY_IP, DASHBOARD_IP, LAB_PREFIX, NAT_GATEWAY_IP, NS_PREFIX, STALE_OVERRIDE_IP } from "./addresses";
import type { LabClient, Scenario } from "./types";

export const VETH_PREFIX = "rdlv";
/** Private addresses are .2 to .126 (public .130 to .254); .127 is the canary, .129 the stale override's. */
export const FIRST_HOST = 2;
export const LAST_HOST = 126;
export const MAX_CLIENTS = LAST_HOST - FIRST_HOST + 1;
/** Extras fill the lab with one scenario next to it: the all-drop benchmark fleet is 1 + 124. */
export const MAX_EXTRA_CLIENTS = MAX_CLIENTS - 1;
const AZS = ["us-east-1a", "us-east-1b", "us-east-1c", "us-east-1d", "us-east-1e", "us-east-1f"];

export interface Addresses {
  readonly index: number;
  readonly privateIp: string;
  readonly publicIp: string;
}

/** The n-th client (1-based) gets .(n+1) privately and .(129+n) publicly. */
export function allocate(count: number): Addresses[] {
  if (!Number.isInteger(count) || count < 0) throw new Error(`invalid client count ${count}`);
  if (count > MAX_CLIENTS) throw new Error(`the lab holds at most ${MAX_CLIENTS} clients, ${count} asked`);
  return Array.from({ length: count }, (_, i) => {
    const x = FIRST_HOST + i;
    return { index: i + 1, privateIp: `${LAB_PREFIX}.${x}`, publicIp: `${LAB_PREFIX}.${128 + x}` };
  });
}

/** healthy-001... for the default extras; like the scenario's name otherwise (sg-drops-rerun-range-001...). */
export function extraClientName(i: number, scenario = EXTRA_CLIENT_SCENARIO): string {
  return `${scenario === EXTRA_CLIENT_SCENARIO ? "healthy" : scenario}-${String(i).padStart(3, "0")}`;
}

/** Stable per client name, shaped like an EC2 instance id. */
export function instanceIdFor(name: string): string {
  return `i-0${createHash("sha256").update(`rerun-doctor-lab:${name}`).digest("hex").slice(0, 16)}`;
}

/** Stable per client name, shaped like a Nomad node ID (a UUID). */
export function nomadNodeIdFor(name: string): string {
  const h = createHash("sha256").update(`rerun-doctor-lab-nomad:${name}`).digest("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

/** Plans every client: scenarios first (in order), then `extra` clients like `extrasLike` (healthy v1 by default). */
export function planClients(
  scenarios: readonly Scenario[],
  extra: number,
  stateDir: string,
  extrasLike = EXTRA_CLIENT_SCENARIO,
): LabClient[] {
  if (!Number.isInteger(extra) || extra < 0 || extra > MAX_EXTRA_CLIENTS) {
    throw new Error(`--clients must be an integer from 0 to ${MAX_EXTRA_CLIENTS}`);
  }
  const like = scenarioByName(extrasLike);
  const wanted: { name: string; scenario: Scenario }[] = [
    ...scenarios.map((s) => ({ name: s.name, scenario: s })),
    ...Array.from({ length: extra }, (_, i) => ({ name: extraClientName(i + 1, extrasLike), scenario: like })),
  ];
  const addrs = allocate(wanted.length);
  const publicOf = new Map<string, string | null>();
  wanted.forEach((w, i) => publicOf.set(w.name, w.scenario.publicIp ? (addrs[i] as Addresses).publicIp : null));

  return wanted.map(({ name, scenario: s }, i) => {
    const a = addrs[i] as Addresses;
    let override: string | null = null;
    if (s.override?.kind === "text") override = s.override.text;
    else if (s.override?.kind === "own-private-ip") override = `${a.privateIp}\n`;
    else if (s.override?.kind === "public-ip-of") {
      const ip = publicOf.get(s.override.client);
      if (!ip) throw new Error(`scenario ${s.name} needs client ${s.override.client} with a public IP`);
      override = `${ip}\n`;
    }
    return {
      name,
      scenario: s.name,
      description: s.description,
      index: a.index,
      namespace: `${NS_PREFIX}${a.index}`,
      hostVeth: `${VETH_PREFIX}${a.index}`,
      privateIp: a.privateIp,
      publicIp: s.publicIp ? a.publicIp : null,
      override,
      imds: s.imds,
      metadataBlocked: s.metadataBlocked,
      firewall: s.firewall,
      sshd: s.sshd,
      sshdPid: null,
      rerunJobPort: s.rerunJobPort,
      rerunJobPid: null,
      hostKeyChanged: s.hostKeyChanged,
      authRefused: s.authRefused,
      noCurl: s.noCurl,
      forceCommand: s.forceCommand ?? null,
      imdsFault: s.imdsFault ?? null,
      fakeAddress: s.fakeAddress ?? null,
      vpcAddress: s.vpcAddress ?? null,
      overrideBeforeBoot: s.overrideBeforeBoot ?? null,
      overrideFillBytes: s.override?.kind === "filler" ? s.override.bytes : null,
      hostFirewall: s.hostFirewall ?? null,
      dockerBridge: s.dockerBridge ?? false,
      nomadAgent: s.nomadAgent ?? null,
      nonRootNoSudo: s.nonRootNoSudo ?? false,
      nomadNodeId: nomadNodeIdFor(name),
      instanceId: instanceIdFor(name),
      availabilityZone: AZS[i % AZS.length] as string,
      dir: join(stateDir, "clients", name),
      expect: s.expect,
    };
  });
}

/** Every address `up` claims on this machine (checked by the safety rules). */
export function claimedAddresses(clients: readonly LabClient[]): string[] {
  const out = [DASHBOARD_IP, CANARY_IP, STALE_OVERRIDE_IP, NAT_GATEWAY_IP];
  for (const c of clients) out.push(c.privateIp, ...(c.publicIp ? [c.publicIp] : []));
  return out;
}
