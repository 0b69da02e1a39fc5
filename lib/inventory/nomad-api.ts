import { z } from "zod";
import { httpGet } from "./nomad-http";
import { NOMAD_ATTRIBUTES, nomadNodeSchema, nomadNodeStubSchema, type NomadNodeStub } from "./nomad-schema";
import type { NomadSettings } from "./types";
import type { Env } from "./expand";

const PAGE_SIZE = 100;
const MAX_PAGES = 100;
const REQUEST_TIMEOUT_MS = 5000;
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
}

async function getJson(
  base: URL,
  path: string,
  token: string | undefined,
  settings: NomadSettings,
  signal?: AbortSignal,
): Promise<{ json: unknown; nextToken?: string }> {
  const url = new URL(path, base);
  let answer;
  try {
    answer = await httpGet(url, token ? { "X-Nomad-Token": token } : {}, {
      caFile: settings.caFile,
      timeoutMs: REQUEST_TIMEOUT_MS,
      signal,
    });
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

async function listNodes(base: URL, token: string | undefined, settings: NomadSettings, signal?: AbortSignal): Promise<NomadNodeStub[]> {
  const nodes: NomadNodeStub[] = [];
  let next: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const query = new URLSearchParams({ per_page: String(PAGE_SIZE), ...(next ? { next_token: next } : {}) });
    const answer = await getJson(base, `/v1/nodes?${query}`, token, settings, signal);
    const parsed = z.array(nomadNodeStubSchema).safeParse(answer.json);
    if (!parsed.success)
      throw new NomadError(`Nomad's /v1/nodes answer is not a node list: ${parsed.error.issues[0]?.message ?? "unexpected shape"}`);
    nodes.push(...parsed.data);
    if (!answer.nextToken) return nodes;
    next = answer.nextToken;
  }
  throw new NomadError(`Nomad at ${base.origin} kept paging past ${MAX_PAGES * PAGE_SIZE} nodes`);
}

/** GET /v1/nodes (paged), then /v1/node/:id for each: the fleet as Nomad fingerprinted it. */
export async function fetchNomadNodes(settings: NomadSettings, env: Env, signal?: AbortSignal): Promise<NomadNode[]> {
  const base = new URL(settings.address);
  const token = settings.tokenEnv ? env[settings.tokenEnv] : undefined;
  const stubs = await listNodes(base, token, settings, signal);
  const out: NomadNode[] = [];
  for (let i = 0; i < stubs.length; i += DETAIL_CONCURRENCY) {
    const details = await Promise.all(
      stubs.slice(i, i + DETAIL_CONCURRENCY).map(async (stub) => {
        const parsed = nomadNodeSchema.safeParse(
          (await getJson(base, `/v1/node/${encodeURIComponent(stub.ID)}`, token, settings, signal)).json,
        );
        const attrs = parsed.success ? (parsed.data.Attributes ?? {}) : {};
        return {
          id: stub.ID,
          name: stub.Name,
          address: stub.Address,
          status: stub.Status,
          drain: stub.Drain,
          eligibility: stub.SchedulingEligibility,
          publicIpv4: attrs[NOMAD_ATTRIBUTES.publicIpv4] ?? null,
          localIpv4: attrs[NOMAD_ATTRIBUTES.localIpv4] ?? null,
          instanceId: attrs[NOMAD_ATTRIBUTES.instanceId] ?? null,
        };
      }),
    );
    out.push(...details);
  }
  return out;
}
