// A slow or bloated Nomad must not hold a run: each request and the whole discovery have a deadline.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { resolveTargets } from "./discover";
import { parseInventory } from "./load";

const servers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of servers.splice(0)) await close();
});

async function serve(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<string> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  servers.push(() => new Promise((resolve) => (server.closeAllConnections(), server.close(() => resolve()))));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const ENV = { SSH_AUTH_SOCK: "/agent" };
const inventory = (address: string) =>
  parseInventory(`ssh:\n  user: u\nnomad:\n  address: ${address}\nclients:\n  - { name: static, host: 198.51.100.9 }\n`, "/f.yaml", ENV);

describe("Nomad discovery limits", () => {
  it("gives up on an answer that drips a byte at a time, however steadily, at the request deadline", async () => {
    const address = await serve((_req, res) => {
      res.writeHead(200, { "Content-Type": "application/json" });
      const timer = setInterval(() => res.write(" "), 50);
      res.on("close", () => clearInterval(timer));
    });
    const started = Date.now();
    const { targets, nomad } = await resolveTargets(inventory(address), ENV, undefined, { requestMs: 400 });
    expect(nomad?.error).toMatch(/did not answer \/v1\/nodes: no complete answer within 400 ms/);
    expect(targets.map((t) => t.name)).toEqual(["static"]);
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it("stops the whole discovery at its deadline even when each page comes quickly", async () => {
    let page = 0;
    const address = await serve((_req, res) => {
      page++;
      setTimeout(() => res.writeHead(200, { "X-Nomad-NextToken": `token-${page}` }).end("[]"), 40);
    });
    const started = Date.now();
    const { nomad } = await resolveTargets(inventory(address), ENV, undefined, { requestMs: 1000, deadlineMs: 500 });
    expect(nomad?.error).toMatch(/^Nomad discovery did not finish within 500 ms/);
    expect(Date.now() - started).toBeLessThan(3000);
    expect(page).toBeLessThan(20);
  });

  it("refuses an answer larger than 4 MiB", async () => {
    const address = await serve((_req, res) => res.writeHead(200).end(`[${" ".repeat(5 * 1024 * 1024)}]`));
    const { nomad } = await resolveTargets(inventory(address), ENV);
    expect(nomad?.error).toMatch(/did not answer \/v1\/nodes: answer larger than 4194304 bytes/);
  });
});
