import { z } from "zod";
import { nomadNodeStubSchema, type NomadNodeStub } from "../inventory/nomad-schema";
import type { SshSession } from "../ssh/types";
import { HostParseError, httpStatus, splitHostOutput } from "./host-parse";
import { MAX_NODES_BYTES, NOMAD_LIST_SCRIPT } from "./host-script";

export type NomadListing = { readonly ok: true; readonly stubs: NomadNodeStub[] } | { readonly ok: false; readonly message: string };

/** What came back from NOMAD_LIST_SCRIPT: the stubs, or why there are none. Pure. */
export function parseNomadListing(stdout: Buffer): NomadListing {
  let out;
  try {
    out = splitHostOutput(stdout);
  } catch (error) {
    if (error instanceof HostParseError) return { ok: false, message: error.message };
    throw error;
  }
  const status = httpStatus(out.fields.get("nomad.nodes"));
  if (status === null)
    return { ok: false, message: "no Nomad agent answered on the client (127.0.0.1:4646, or https://localhost:4646 with mTLS)" };
  if (status === 403)
    return { ok: false, message: "the client's Nomad agent answered 403 to /v1/nodes: ACLs are on and the agent has no node:read token" };
  if (status !== 200) return { ok: false, message: `the client's Nomad agent answered HTTP ${status} to /v1/nodes` };
  const size = Number(out.fields.get("nomad.nodes-size"));
  if (!out.complete || (Number.isFinite(size) && size > MAX_NODES_BYTES)) {
    return {
      ok: false,
      message: `the node list from the client's agent was cut (over ${MAX_NODES_BYTES} bytes, or the output ended early)`,
    };
  }
  let json: unknown;
  try {
    json = JSON.parse((out.blobs.get("nodes") ?? Buffer.alloc(0)).toString("utf8"));
  } catch {
    return { ok: false, message: "the client's Nomad agent sent something other than JSON for /v1/nodes" };
  }
  const parsed = z.array(nomadNodeStubSchema).safeParse(json);
  if (!parsed.success)
    return { ok: false, message: `the agent's /v1/nodes answer is not a node list: ${parsed.error.issues[0]?.message ?? "?"}` };
  return { ok: true, stubs: parsed.data };
}

/** GET /v1/nodes through the client's own agent, over a session already open. */
export async function listNodesVia(session: SshSession, timeoutMs: number): Promise<NomadListing> {
  const result = await session.exec("sh -s", { stdin: NOMAD_LIST_SCRIPT, timeoutMs, maxBytes: MAX_NODES_BYTES + 64 * 1024 });
  if (result.timedOut) return { ok: false, message: `listing the nodes through the client's agent took over ${timeoutMs} ms` };
  if (result.truncated) return { ok: false, message: `the client printed more than ${MAX_NODES_BYTES + 64 * 1024} bytes` };
  if (result.channelError !== undefined) return { ok: false, message: `the connection dropped: ${result.channelError}` };
  return parseNomadListing(result.stdout);
}
