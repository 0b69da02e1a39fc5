import { z } from "zod";
import { gceFingerprint } from "./nomad-gce";
import { httpGet } from "./nomad-http";
import { NOMAD_ATTRIBUTES, nomadNodeSchema, nomadNodeStubSchema, type NomadNodeStub } from "./nomad-schema";
import type { NomadSettings } from "./types";
import type { Env } from "./expand";

const PAGE_SIZE = 100;
const MAX_PAGES = 100;
const DETAIL_CONCURRENCY = 8;

export class NomadError extends Error {}

/** One Nomad client as the Nomad servers know it. */
export interface NomadNode {
  readonly id: string;
  readonly name: string;
  readonly address: string;
  readonly status: string;
  readonly drain: boolean;
  readonly eligibility: string;
  readonly publicIpv4: string | null;
  readonly localIpv4: string | null;
  readonly instanceId: string | null;
  /** `unique.network.ip-address`: the address the Nomad client fingerprinted on its own interface. */
  readonly networkIp: string | null;
}

/** Where and how to ask: every request ends by `requestMs`, and all of them when `signal` fires. */
export interface NomadClient {
  readonly base: URL;
  readonly token: string | undefined;
  readonly settings: NomadSettings;
  readonly requestMs: number;
  readonly signal: AbortSignal;
}

export function nomadClient(
  settings: NomadSettings & { readonly address: string },
  env: Env,
  requestMs: number,
  signal: AbortSignal,
): NomadClient {
  return { base: new URL(settings.address), token: settings.tokenEnv ? env[settings.tokenEnv] : undefined, settings, requestMs, signal };
}

async function getJson(client: NomadClient, path: string): Promise<{ json: unknown; nextToken?: string }> {
  const { base, token, settings } = client;
  const url = new URL(path, base);
  let answer;
  try {
    const headers: Record<string, string> = token ? { "X-Nomad-Token": token } : {};
    answer = await httpGet(url, headers, { caFile: settings.caFile, deadlineMs: client.requestMs, signal: client.signal });
  } catch (error) {
    throw new NomadError(`Nomad at ${base.origin} did not answer ${url.pathname}: ${(error as Error).message}`);
  }
  if (answer.status === 403)
    throw new NomadError(
      `Nomad at ${base.origin} answered 403 to ${url.pathname}: the ACL token${settings.tokenEnv ? ` in $${settings.tokenEnv}` : ""} ` +
        `lacks node:read (or is missing)`,
    );
  if (answer.status !== 200) throw new NomadError(`Nomad at ${base.origin} answered HTTP ${answer.status} to ${url.pathname}`);
  const next = answer.headers["x-nomad-nexttoken"];
  try {
    return { json: JSON.parse(answer.body), nextToken: typeof next === "string" && next !== "" ? next : undefined };
  } catch {
    throw new NomadError(`Nomad at ${base.origin} sent something other than JSON for ${url.pathname}`);
  }
}

/** GET /v1/nodes, page by page: every node Nomad knows, without attributes. */
export async function listNomadNodes(client: NomadClient): Promise<NomadNodeStub[]> {
  const nodes: NomadNodeStub[] = [];
  let next: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const query = new URLSearchParams({ per_page: String(PAGE_SIZE), ...(next ? { next_token: next } : {}) });
    const answer = await getJson(client, `/v1/nodes?${query}`);
    const parsed = z.array(nomadNodeStubSchema).safeParse(answer.json);
    if (!parsed.success)
      throw new NomadError(`Nomad's /v1/nodes answer is not a node list: ${parsed.error.issues[0]?.message ?? "unexpected shape"}`);
    nodes.push(...parsed.data);
    if (!answer.nextToken) return nodes;
    next = answer.nextToken;
  }
  throw new NomadError(`Nomad at ${client.base.origin} kept paging past ${MAX_PAGES * PAGE_SIZE} nodes`);
}

/** A node as its listing entry and fingerprinted attributes describe it (none: a listing alone). */
export function nodeFromStub(stub: NomadNodeStub, attrs: Readonly<Record<string, string>> = {}): NomadNode {
  const gce = gceFingerprint(attrs); // AWS attributes first; a GCE node has only these
  return {
    id: stub.ID,
    name: stub.Name,
    address: stub.Address,
    status: stub.Status,
    drain: stub.Drain,
    eligibility: stub.SchedulingEligibility,
    publicIpv4: attrs[NOMAD_ATTRIBUTES.publicIpv4] ?? gce.publicIpv4,
    localIpv4: attrs[NOMAD_ATTRIBUTES.localIpv4] ?? gce.localIpv4,
    instanceId: attrs[NOMAD_ATTRIBUTES.instanceId] ?? gce.instanceId,
    networkIp: attrs[NOMAD_ATTRIBUTES.networkIp] ?? null,
  };
}

/** GET /v1/node/:id for each stub, a few at a time: what Nomad fingerprinted on each. */
export async function readNomadNodes(client: NomadClient, stubs: readonly NomadNodeStub[]): Promise<NomadNode[]> {
  const out: NomadNode[] = [];
  for (let i = 0; i < stubs.length; i += DETAIL_CONCURRENCY) {
    const details = await Promise.all(
      stubs.slice(i, i + DETAIL_CONCURRENCY).map(async (stub) => {
        const parsed = nomadNodeSchema.safeParse((await getJson(client, `/v1/node/${encodeURIComponent(stub.ID)}`)).json);
        const attrs = parsed.success ? (parsed.data.Attributes ?? {}) : {};
        return nodeFromStub(stub, attrs);
      }),
    );
    out.push(...details);
  }
  return out;
}
