import { isIpv4 } from "../common/ipv4";
import { readBlobs } from "./blobs";
import {
  type ChainListing,
  agentNodeSchema,
  PRIVILEGES,
  type HostFirewallFacts,
  type NomadAgentFacts,
  type NomadAgentNode,
  type Privilege,
} from "./host-types";

const BEGIN = Buffer.from("rd-host-begin 1\n");
const BLOBS = "rd-host-blobs ";
const MAX_LINES = 4096;
/** Attributes kept from a node record: where Nomad says the instance is and what addresses it has. */
const KEPT_ATTRIBUTE = /^(unique\.)?(platform\.(aws|gce|azure)\.|network\.ip-address$)/;
const MAX_ATTRIBUTES = 64;

export class HostParseError extends Error {}

export interface HostOutput {
  /** First value of each `key value...` line, by key. */
  readonly fields: ReadonlyMap<string, string>;
  /** Lines of repeated keys (fw.rule, fw.nft, fw.route, fw.chain), in order, without their key. */
  readonly lists: ReadonlyMap<string, readonly string[]>;
  readonly blobs: ReadonlyMap<string, Buffer>;
  readonly complete: boolean;
}

const LISTED = new Set(["fw.rule", "fw.nft", "fw.routes", "fw.chain", "fw.saved"]);
const CHAINS = ["INPUT", "FORWARD", "DOCKER-USER"];

/** Text lines, then `rd-host-blobs name:size ...` and the raw bytes of each blob. */
export function splitHostOutput(stdout: Buffer): HostOutput {
  const start = stdout.indexOf(BEGIN);
  if (start < 0) throw new HostParseError("the client's shell printed no host-check output");
  const fields = new Map<string, string>();
  const lists = new Map<string, string[]>();
  let offset = start + BEGIN.length;
  let count = 0;
  while (offset < stdout.length && count++ < MAX_LINES * 2) {
    const end = stdout.indexOf(0x0a, offset);
    const line = stdout.subarray(offset, end < 0 ? stdout.length : end).toString("utf8");
    offset = end < 0 ? stdout.length : end + 1;
    if (line.startsWith(BLOBS)) {
      const { blobs, complete } = readBlobs(stdout, line.slice(BLOBS.length), offset, "rd-host-end 1");
      return { fields, lists, blobs, complete };
    }
    const space = line.indexOf(" ");
    const key = space < 0 ? line : line.slice(0, space);
    const value = space < 0 ? "" : line.slice(space + 1);
    if (LISTED.has(key)) {
      const list = lists.get(key) ?? [];
      if (list.length < MAX_LINES) list.push(value);
      lists.set(key, list);
    } else if (key && !fields.has(key)) fields.set(key, value.trim());
  }
  return { fields, lists, blobs: new Map(), complete: false };
}

export function httpStatus(text: string | undefined): number | null {
  const code = Number(text);
  return Number.isInteger(code) && code >= 100 && code <= 599 ? code : null;
}

function keptAttributes(all: Record<string, string> | null | undefined): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const [key, value] of Object.entries(all ?? {})) {
    if (Object.keys(kept).length >= MAX_ATTRIBUTES) break;
    if (KEPT_ATTRIBUTE.test(key)) kept[key] = value.slice(0, 256);
  }
  return kept;
}

/** A node record as Nomad's API serves it; null with the reason when it is not one. */
export function parseAgentNode(body: Buffer): { node: NomadAgentNode | null; problem: string | null } {
  let json: unknown;
  try {
    json = JSON.parse(body.toString("utf8"));
  } catch {
    return { node: null, problem: `the agent's /v1/node answer is not JSON (${body.length} bytes read)` };
  }
  const parsed = agentNodeSchema.safeParse(json);
  if (!parsed.success)
    return { node: null, problem: `the agent's /v1/node answer is not a node: ${parsed.error.issues[0]?.message ?? "?"}` };
  const n = parsed.data;
  // Nomad 1.x sets Drain alongside DrainStrategy; older agents have only the strategy.
  const drain = n.Drain ?? (n.DrainStrategy !== null && n.DrainStrategy !== undefined);
  return {
    node: {
      id: n.ID,
      name: n.Name,
      status: n.Status,
      statusDescription: n.StatusDescription,
      eligibility: n.SchedulingEligibility,
      drain,
      attributes: keptAttributes(n.Attributes),
    },
    problem: null,
  };
}

export function nomadAgentFacts(out: HostOutput): NomadAgentFacts {
  const tool = out.fields.get("nomad.tool");
  const nodeId = /^[0-9a-f-]{36}$/.test(out.fields.get("nomad.id") ?? "") ? out.fields.get("nomad.id")! : null;
  const nodeStatus = httpStatus(out.fields.get("nomad.node"));
  const body = out.blobs.get("node");
  const read = nodeStatus === 200 && body ? parseAgentNode(body) : { node: null, problem: null };
  return {
    address: out.fields.get("nomad.addr") === "https://localhost:4646" ? "https://localhost:4646" : "http://127.0.0.1:4646",
    tool: tool === "curl" || tool === "wget" ? tool : "none",
    selfStatus: httpStatus(out.fields.get("nomad.self")),
    nodeId,
    nodeStatus,
    node: read.node,
    problem: read.problem,
  };
}

const exitOf = (text: string | undefined): number | null => (text !== undefined && /^\d{1,3}$/.test(text) ? Number(text) : null);

/** `iptables -S CHAIN` per chain: `fw.chain CHAIN EXIT`, then `fw.rule CHAIN LINE`. */
function perChain(out: HostOutput): ChainListing[] {
  const rules = out.lists.get("fw.rule") ?? [];
  return (out.lists.get("fw.chain") ?? []).map((entry) => {
    const [chain = "", exit = ""] = entry.split(" ");
    const lines = rules.filter((r) => r.startsWith(`${chain} `)).map((r) => r.slice(chain.length + 1));
    return { chain, exit: exitOf(exit), lines };
  });
}

/** `iptables-save -t filter`, as `iptables -S` would list each chain: its policy, then its rules (a missing chain exits 1). */
export function fromSave(lines: readonly string[], exit: number | null): ChainListing[] {
  return CHAINS.map((chain) => {
    const declared = lines.find((l) => l.startsWith(`:${chain} `));
    if (exit !== 0 || declared === undefined) return { chain, exit: exit === 0 ? 1 : exit, lines: exit === 0 ? [] : lines.slice(0, 4) };
    const policy = declared.split(" ")[1] ?? "-";
    const head = policy === "-" ? `-N ${chain}` : `-P ${chain} ${policy}`;
    return { chain, exit: 0, lines: [head, ...lines.filter((l) => l.startsWith(`-A ${chain} `))] };
  });
}

export function firewallFacts(out: HostOutput): HostFirewallFacts {
  const uidText = out.fields.get("fw.uid") ?? "";
  const priv = out.fields.get("fw.priv") ?? "unknown";
  const privilege: Privilege = (PRIVILEGES as readonly string[]).includes(priv) ? (priv as Privilege) : "unknown";
  const saveExit = out.fields.get("fw.save");
  const chains = saveExit === undefined ? perChain(out) : fromSave(out.lists.get("fw.saved") ?? [], exitOf(saveExit));
  const nftStatus = out.fields.get("fw.nft-status");
  const canRead = privilege === "root" || privilege === "sudo";
  // A route's line starts with its address; an error line (no route) names none.
  const routes = (out.lists.get("fw.routes") ?? []).map((line) => {
    const first = line.split(" ")[0] ?? "";
    return { address: isIpv4(first) ? first : "", line: line.trim() };
  });
  return {
    uid: /^\d{1,10}$/.test(uidText) ? Number(uidText) : null,
    privilege,
    iptables: !canRead ? "not-read" : out.fields.get("fw.iptables") === "absent" ? "absent" : "read",
    chains,
    nft:
      nftStatus === undefined
        ? null
        : { exit: /^\d{1,3}$/.test(nftStatus) ? Number(nftStatus) : null, lines: out.lists.get("fw.nft") ?? [] },
    routes,
  };
}
