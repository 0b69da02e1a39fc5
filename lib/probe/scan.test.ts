import { createServer, type Server, type Socket } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { Limiter } from "./limiter";
import { scanRange } from "./scan";

const servers: Server[] = [];
afterEach(() => servers.splice(0).forEach((s) => s.close()));

function listen(onConnection: (socket: Socket) => void): Promise<number> {
  return new Promise((resolve) => {
    // The prober may close first (a reset): that is the peer's business, not an uncaught error.
    const server = createServer((socket) => {
      socket.on("error", () => undefined);
      onConnection(socket);
    });
    servers.push(server);
    server.listen(0, "127.0.0.1", () => resolve((server.address() as { port: number }).port));
  });
}

async function closedPort(): Promise<number> {
  const port = await listen(() => undefined);
  await new Promise<void>((resolve) => servers.pop()!.close(() => resolve()));
  return port;
}

describe("scanRange on loopback", () => {
  it("tells open (with a sanitized banner) from closed, with nmap's reasons", async () => {
    const open = await listen((socket) => socket.end("SSH-2.0-OpenSSH_9.2\x1b[31m\r\nrest"));
    const closed = await closedPort();
    const options = { timeoutMs: 1000, sockets: new Limiter(64) };
    const [openScan, closedScan] = await Promise.all([
      scanRange("127.0.0.1", { from: open, to: open }, options),
      scanRange("127.0.0.1", { from: closed, to: closed }, options),
    ]);
    expect(openScan.ports).toEqual([
      expect.objectContaining({ port: open, state: "open", reason: "syn-ack", banner: "SSH-2.0-OpenSSH_9.2\\x1b[31m" }),
    ]);
    expect(closedScan.ports).toEqual([expect.objectContaining({ port: closed, state: "closed", reason: "conn-refused" })]);
    expect(openScan.counts).toEqual({ open: 1, closed: 0, filtered: 0 });
    expect(closedScan.counts).toEqual({ open: 0, closed: 1, filtered: 0 });
  });

  it("reports an open port that never speaks as open without a banner, within the banner wait", async () => {
    const silent = await listen(() => undefined);
    const started = performance.now();
    const result = await scanRange("127.0.0.1", { from: silent, to: silent }, { timeoutMs: 2000, bannerMs: 200, sockets: new Limiter(4) });
    expect(result.ports[0]).toMatchObject({ state: "open", banner: undefined });
    expect(performance.now() - started).toBeGreaterThanOrEqual(200);
  });

  it("never has more sockets in flight than the limiter allows", async () => {
    const limiter = new Limiter(3);
    let inFlight = 0;
    let peak = 0;
    await Promise.all(
      Array.from({ length: 20 }, () =>
        limiter.run(async () => {
          peak = Math.max(peak, ++inFlight);
          await new Promise((r) => setTimeout(r, 5));
          inFlight--;
        }),
      ),
    );
    expect(peak).toBe(3);
  });
});
