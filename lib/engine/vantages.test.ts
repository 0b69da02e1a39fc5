import { FairLimiter } from "../probe/fair-limiter";
import { createServer, type Server } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { ClientObservation } from "../diagnose/types";
import { collected, makeFacts, makeTarget, probed, sessionFailed } from "../diagnose/test-fixtures";
import type { Inventory, Vantage } from "../inventory/types";
import { Limiter } from "../probe/limiter";
import { createFixture, type Fixture } from "../ssh/test-fixture";
import { closedPort, fixtureKey, startTestServer, type TestServer } from "../ssh/test-server";
import { observeVantage } from "./vantages";

const clientKey = fixtureKey("client");
const hostKey = fixtureKey("host-a");
const plainKey = fixtureKey("host-b");
let fx: Fixture;
let vantage: TestServer;
let noForwarding: TestServer;
let listener: Server;
let sshdPort: number;
let refused: number;
let dropped: number;

beforeAll(async () => {
  fx = createFixture(clientKey);
  listener = createServer((sock) => sock.on("error", () => undefined).end());
  sshdPort = await new Promise<number>((resolve) =>
    listener.listen(0, "127.0.0.1", () => resolve((listener.address() as { port: number }).port)),
  );
  [refused, dropped] = [await closedPort(), await closedPort()];
  vantage = await startTestServer({ hostKey, clientKey, forwarding: true, blackholePorts: [dropped, 54782] });
  noForwarding = await startTestServer({ hostKey: plainKey, clientKey });
});
afterAll(async () => {
  await Promise.all([vantage.close(), noForwarding.close()]);
  listener.close();
  fx.cleanup();
});
beforeEach(() => {
  vi.stubEnv("SSH_AUTH_SOCK", "");
  fx.trust([
    [vantage.port, hostKey],
    [noForwarding.port, plainKey],
  ]);
});

function inventory(vantages: Vantage[]): Inventory {
  return {
    file: "/fleet.yaml",
    warnings: [],
    ssh: fx.settings(),
    rerun: { ports: { from: refused, to: refused }, portsExplicit: true, podmanPorts: { from: 32768, to: 60999 } },
    server: { version: "4.8" },
    probe: { allowCidrs: [] },
    clients: [],
    vantages,
    services: null,
    machines: [{ name: "vm-1", host: "127.0.0.1" }],
  };
}

const limits = () => ({ sessions: new Limiter(4), sockets: new FairLimiter(64), runId: "test", probeTimeoutMs: 300, ownNetworks: [] });
const at = (port: number): Vantage => ({ name: `v-${port}`, host: "127.0.0.1", port, user: "root" });
// The first client's sshd (the known-good target) is the loopback listener; the second's rerun range is probed.
const observations = (range: { from: number; to: number }): ClientObservation[] => [
  {
    target: makeTarget({ name: "c1", host: "127.0.0.1", port: sshdPort }),
    collect: collected(),
    probe: { kind: "skipped", skipped: { address: null, reason: "x" } },
  },
  {
    target: makeTarget({ name: "c2" }),
    collect: collected(makeFacts()),
    probe: probed([], "127.0.0.1"),
    reach: { rerunRange: range },
  },
];

describe("observeVantage with an in-process sshd as the vantage", () => {
  it("checks the known-good target first, then probes each probed client's range and the VMs' 54782", async () => {
    const result = await observeVantage(at(vantage.port), inventory([]), observations({ from: dropped, to: dropped }), limits());
    expect(result.status).toEqual({ name: `v-${vantage.port}`, host: "127.0.0.1", check: `127.0.0.1:${sshdPort}`, unusable: null });
    expect(result.clients[0]).toBeNull();
    expect(result.clients[1]).toMatchObject({ address: "127.0.0.1", counts: { open: 0, closed: 0, filtered: 1 }, lost: null });
    expect(result.machines).toEqual([expect.objectContaining({ port: 54782, state: "filtered", reason: "no-response" })]);
    expect(vantage.forwardRequests[0]).toBe(`127.0.0.1:${sshdPort}`);
  });

  it("is unusable when it cannot reach the known-good target, and then probes nothing else", async () => {
    const before = vantage.forwardRequests.length;
    const result = await observeVantage(
      { ...at(vantage.port), check: { host: "127.0.0.1", port: dropped } },
      inventory([]),
      observations({ from: refused, to: refused }),
      limits(),
    );
    expect(result.status.unusable).toBe(
      `it cannot reach 127.0.0.1:${dropped}, a known-good target the dashboard reached (filtered, no-response)`,
    );
    expect(result.clients).toEqual([null, null]);
    expect(vantage.forwardRequests.slice(before).every((r) => r === `127.0.0.1:${dropped}`)).toBe(true);
  });

  it("is unusable when its sshd refuses forwarding, when it has no session, or with no known-good target", async () => {
    const refusing = await observeVantage(at(noForwarding.port), inventory([]), observations({ from: refused, to: refused }), limits());
    expect(refusing.status.unusable).toMatch(/refuses TCP forwarding/);
    const down = await observeVantage(at(await closedPort()), inventory([]), observations({ from: refused, to: refused }), limits());
    expect(down.status.unusable).toMatch(/^no SSH session to the vantage \(unreachable/);
    const noneReached = [
      { ...observations({ from: refused, to: refused })[0]!, collect: sessionFailed({ kind: "auth-failed", message: "denied" }) },
    ];
    const blind = await observeVantage(at(vantage.port), inventory([]), noneReached, limits());
    expect(blind.status).toMatchObject({ check: null, unusable: expect.stringMatching(/no known-good target/) });
  });
});
