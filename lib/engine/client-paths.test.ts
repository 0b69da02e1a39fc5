import { FairLimiter } from "../probe/fair-limiter";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { Inventory } from "../inventory/types";
import { Limiter } from "../probe/limiter";
import { createFixture, type Fixture } from "../ssh/test-fixture";
import { closedPort, fixtureKey, startTestServer, type TestServer } from "../ssh/test-server";
import { measureClientPaths } from "./client-paths";
import { planClientPaths } from "./path-plan";

const clientKey = fixtureKey("client");
const hostKey = fixtureKey("host-a");
const plainKey = fixtureKey("host-b");
let fx: Fixture;
let client: TestServer;
let noForwarding: TestServer;

beforeAll(async () => {
  fx = createFixture(clientKey);
  // 8585 and 2376 get no answer through this client: its security group drops them.
  client = await startTestServer({ hostKey, clientKey, forwarding: true, blackholePorts: [8585, 2376] });
  noForwarding = await startTestServer({ hostKey: plainKey, clientKey });
});
afterAll(async () => {
  await Promise.all([client.close(), noForwarding.close()]);
  fx.cleanup();
});
beforeEach(() => {
  vi.stubEnv("SSH_AUTH_SOCK", "");
  fx.trust([
    [client.port, hostKey],
    [noForwarding.port, plainKey],
  ]);
});

function inventory(over: Partial<Inventory> = {}): Inventory {
  return {
    file: "/fleet.yaml",
    warnings: [],
    ssh: fx.settings(),
    rerun: { ports: { from: 64535, to: 65535 }, portsExplicit: false, podmanPorts: { from: 32768, to: 60999 } },
    server: { version: "4.8" },
    probe: { allowCidrs: [] },
    clients: [],
    vantages: [],
    services: { host: "127.0.0.1" },
    machines: [{ name: "vm-1", host: "127.0.0.1" }],
    ...over,
  };
}

const limits = () => ({ sessions: new Limiter(4), sockets: new FairLimiter(64), runId: "test", probeTimeoutMs: 300, ownNetworks: [] });

describe("planClientPaths", () => {
  it("chooses the services ports by server version and adds 22 and 2376 per VM", () => {
    const ports = (version: string) => planClientPaths(inventory({ server: { version } })).map((p) => `${p.target}:${p.port}`);
    expect(ports("4.8")).toEqual(["services:4647", "services:8585", "services:3000", "vm-1:22", "vm-1:2376"]);
    expect(ports("3.4")).toContain("services:3000");
    expect(ports("2.19")).toEqual(["services:4647", "services:8585", "services:7171", "services:3001", "vm-1:22", "vm-1:2376"]);
    expect(planClientPaths(inventory({ services: null, machines: [] }))).toEqual([]);
  });
});

describe("measureClientPaths over the client's own SSH session", () => {
  it("probes every planned port through the client and reports what got no answer", async () => {
    const result = await measureClientPaths(fx.target(client.port), inventory(), limits());
    expect(result?.unmeasured).toBeNull();
    const byPort = new Map(result!.paths.map((p) => [`${p.target}:${p.port}`, p.probe.state]));
    expect([...byPort.keys()]).toEqual(["services:4647", "services:8585", "services:3000", "vm-1:22", "vm-1:2376"]);
    expect([byPort.get("services:8585"), byPort.get("vm-1:2376")]).toEqual(["filtered", "filtered"]);
    expect(client.forwardRequests).toEqual(expect.arrayContaining(["127.0.0.1:4647", "127.0.0.1:3000", "127.0.0.1:22"]));
  });

  it("opens no session when neither services nor machines are configured", async () => {
    const before = client.authAttempts.length;
    expect(await measureClientPaths(fx.target(client.port), inventory({ services: null, machines: [] }), limits())).toBeUndefined();
    expect(client.authAttempts.length).toBe(before);
  });

  it("says the paths were not measured when the client's sshd refuses forwarding or cannot be reached", async () => {
    const refusing = await measureClientPaths(fx.target(noForwarding.port), inventory(), limits());
    expect(refusing).toEqual({ unmeasured: expect.stringMatching(/refuses TCP forwarding/), paths: [] });
    const down = await measureClientPaths(fx.target(await closedPort()), inventory(), limits());
    expect(down).toEqual({ unmeasured: expect.stringMatching(/no second SSH session .*\(unreachable\)/), paths: [] });
  });
});
