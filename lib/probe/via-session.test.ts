import { createServer, type Server } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { openSession } from "../ssh/open-session";
import { createFixture, type Fixture } from "../ssh/test-fixture";
import { closedPort, fixtureKey, startTestServer, type TestServer } from "../ssh/test-server";
import type { SshSession } from "../ssh/types";
import { Limiter } from "./limiter";
import { scanViaSession, spreadPorts, type ForwardProber } from "./via-session";

const clientKey = fixtureKey("client");
const hostKey = fixtureKey("host-a");
let fx: Fixture;
let vantage: TestServer;
let listener: Server;
let openPort: number;
let refusedPort: number;
let droppedPort: number;

beforeAll(async () => {
  fx = createFixture(clientKey);
  listener = createServer((sock) => sock.on("error", () => undefined).end());
  openPort = await new Promise<number>((resolve) =>
    listener.listen(0, "127.0.0.1", () => resolve((listener.address() as { port: number }).port)),
  );
  refusedPort = await closedPort();
  droppedPort = await closedPort();
  vantage = await startTestServer({ hostKey, clientKey, forwarding: true, blackholePorts: [droppedPort] });
});
afterAll(async () => {
  await vantage.close();
  listener.close();
  fx.cleanup();
});
beforeEach(() => {
  vi.stubEnv("SSH_AUTH_SOCK", "");
  fx.trust([[vantage.port, hostKey]]);
});

async function session(): Promise<SshSession> {
  const opened = await openSession(fx.target(vantage.port), fx.settings());
  if (!opened.ok) throw new Error(JSON.stringify(opened.failure));
  return opened.session;
}

describe("scanViaSession through an in-process sshd", () => {
  it("maps an open listener, a refused port and a dropped port to open, closed and filtered", async () => {
    const s = await session();
    try {
      const scan = await scanViaSession(s, "127.0.0.1", [openPort, refusedPort, droppedPort], { timeoutMs: 300, channels: new Limiter(8) });
      expect(scan.probes.map((p) => [p.port, p.state, p.reason])).toEqual([
        [openPort, "open", "syn-ack"],
        [refusedPort, "closed", "conn-refused"],
        [droppedPort, "filtered", "no-response"],
      ]);
      expect(scan.counts).toEqual({ open: 1, closed: 1, filtered: 1 });
      expect(scan.lost).toBeNull();
      expect(vantage.forwardRequests.filter((r) => r === `127.0.0.1:${droppedPort}`)).toHaveLength(2);
      expect(vantage.forwardRequests.filter((r) => r === `127.0.0.1:${refusedPort}`)).toHaveLength(1);
    } finally {
      s.end();
    }
  });

  it("says the scan is incomplete when the session is gone, without throwing", async () => {
    const s = await session();
    s.end();
    const scan = await scanViaSession(s, "127.0.0.1", [openPort, refusedPort], { timeoutMs: 300, channels: new Limiter(2) });
    expect(scan.lost).toMatch(/SSH session was ended/);
    expect(scan.counts.open).toBe(0);
  });
});

describe("scanViaSession bounds", () => {
  it("never has more channels in flight than the limiter allows", async () => {
    let inFlight = 0;
    let peak = 0;
    const prober: ForwardProber = {
      async forwardOut() {
        peak = Math.max(peak, ++inFlight);
        await new Promise((r) => setTimeout(r, 5));
        inFlight--;
        return { state: "closed", reason: "conn-refused", rttMs: 5 };
      },
    };
    const scan = await scanViaSession(prober, "198.51.100.131", spreadPorts({ from: 64535, to: 65535 }, 2000), {
      timeoutMs: 100,
      channels: new Limiter(64),
    });
    expect(peak).toBe(64);
    expect(scan.counts).toEqual({ open: 0, closed: 1001, filtered: 0 });
  });

  it("samples a large range evenly, keeping both ends", () => {
    const ports = spreadPorts({ from: 32768, to: 60999 }, 1024);
    expect(ports).toHaveLength(1024);
    expect([ports[0], ports[1023]]).toEqual([32768, 60999]);
    expect(new Set(ports).size).toBe(1024);
    expect(spreadPorts({ from: 10, to: 12 }, 1024)).toEqual([10, 11, 12]);
  });
});
