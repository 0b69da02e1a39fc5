import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { createServer as createTlsServer } from "node:https";
import type { AddressInfo } from "node:net";

/** A node as the fake serves it; field names and shapes follow Nomad's HTTP API docs (nodes.mdx). */
export interface FakeNomadNode {
  readonly ID: string;
  readonly Name: string;
  readonly Address: string;
  readonly Status: "ready" | "down" | "initializing";
  readonly Drain: boolean;
  readonly SchedulingEligibility: "eligible" | "ineligible";
  readonly Attributes: Record<string, string>;
}

export interface FakeNomadOptions {
  readonly nodes: readonly FakeNomadNode[];
  /** When set, requests without this X-Nomad-Token get 403 "Permission denied", as with ACLs on. */
  readonly token?: string;
  /** Page size the server imposes (it also honours per_page), to exercise X-Nomad-NextToken paging. */
  readonly pageSize?: number;
  /** Serve HTTPS with this key and certificate, as a Nomad with TLS on does. */
  readonly tls?: { readonly key: Buffer; readonly cert: Buffer };
}

export interface FakeNomad {
  readonly address: string;
  readonly requests: string[];
  close(): Promise<void>;
}

function stub(node: FakeNomadNode) {
  const { Attributes: _attributes, ...rest } = node;
  return {
    ...rest,
    CreateIndex: 6,
    ModifyIndex: 2526,
    Datacenter: "dc1",
    NodeClass: "",
    StatusDescription: "",
    Version: "1.8.0",
    Drivers: {},
    LastDrain: null,
  };
}

/** Nomad's node endpoints on loopback, for discovery tests: no real Nomad agent runs here. */
export async function startFakeNomad(options: FakeNomadOptions): Promise<FakeNomad> {
  const requests: string[] = [];
  const handler = (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    requests.push(`${req.method} ${url.pathname}${url.search}`);
    const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { "Content-Type": typeof body === "string" ? "text/plain" : "application/json", ...headers });
      res.end(typeof body === "string" ? body : JSON.stringify(body));
    };
    if (options.token !== undefined && req.headers["x-nomad-token"] !== options.token) return send(403, "Permission denied");
    if (url.pathname === "/v1/nodes") {
      const size = Math.min(Number(url.searchParams.get("per_page") ?? Infinity), options.pageSize ?? Infinity);
      const start = url.searchParams.has("next_token") ? options.nodes.findIndex((n) => n.ID === url.searchParams.get("next_token")) : 0;
      const page = options.nodes.slice(Math.max(0, start), Math.max(0, start) + size);
      const next = options.nodes[Math.max(0, start) + size];
      return send(200, page.map(stub), next ? { "X-Nomad-NextToken": next.ID } : {});
    }
    const match = /^\/v1\/node\/([^/]+)$/.exec(url.pathname);
    const node = match ? options.nodes.find((n) => n.ID === decodeURIComponent(match[1]!)) : undefined;
    if (node) return send(200, { ...stub(node), Attributes: node.Attributes, HTTPAddr: `${node.Address}:4646`, TLSEnabled: false });
    return send(404, "node not found");
  };
  const server: Server = options.tls ? createTlsServer({ key: options.tls.key, cert: options.tls.cert }, handler) : createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    address: `${options.tls ? "https" : "http"}://127.0.0.1:${port}`,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
