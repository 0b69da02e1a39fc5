import { createServer, type Server } from "node:net";
import type { ServerChannel } from "ssh2";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { collectOutput } from "../collect/test-output";
import type { Inventory } from "../inventory/types";
import { FairLimiter } from "../probe/fair-limiter";
import { Limiter } from "../probe/limiter";
import { createFixture, eventually, type Fixture } from "../ssh/test-fixture";
import { fixtureKey, startTestServer, type TestServer } from "../ssh/test-server";
import { observeClient } from "./observe-client";

const clientKey = fixtureKey("client");
const hostKey = fixtureKey("host-a");
let fx: Fixture;
let sshd: TestServer;
let rerunPort: Server;
let port: number;
let probedAt = 0;
let hostRepliedAt = 0;

// The client says its public IPv4 is 127.0.0.1, its inventory host: the one address this test may probe.
const COLLECT = collectOutput(
  ["override.exists 0", "tool curl", "imds.token 200", "imds.tokenless 401", "imds.public-ipv4 200", "runtime docker"],
  { hostname: "c1", override: "", token: "t", tokenless: "<html>401</html>", "public-ipv4": "127.0.0.1" },
);
const HOST = "rd-host-begin 1\nnomad.tool curl\nnomad.addr http://127.0.0.1:4646\nnomad.self 000\nrd-host-blobs node:0\n\nrd-host-end 1\n";

function reply(channel: ServerChannel, output: string | Buffer): void {
  channel.end(output);
  channel.exit(0);
}

/** The host checks answer only once the rerun port was probed (or after 3 s): they never block the scan. */
function serve(command: string, channel: ServerChannel): void {
  channel.on("data", () => undefined);
  if (command === "sh -s") return reply(channel, COLLECT);
  void eventually(() => probedAt > 0, 3000).then(() => {
    hostRepliedAt = performance.now();
    reply(channel, HOST);
  });
}

beforeAll(async () => {
  fx = createFixture(clientKey);
  sshd = await startTestServer({ hostKey, clientKey, exec: serve });
  rerunPort = createServer((sock) => {
    probedAt ||= performance.now();
    sock.on("error", () => undefined).end("SSH-2.0-OpenSSH_9.6\r\n");
  });
  port = await new Promise<number>((resolve) => {
    rerunPort.listen(0, "127.0.0.1", () => resolve((rerunPort.address() as { port: number }).port));
  });
});
afterAll(async () => {
  await sshd.close();
  rerunPort.close();
  fx.cleanup();
});
beforeEach(() => {
  vi.stubEnv("SSH_AUTH_SOCK", "");
  fx.trust([[sshd.port, hostKey]]);
});

const inventory = (): Inventory => ({
  file: "/fleet.yaml",
  warnings: [],
  ssh: fx.settings({ commandTimeoutMs: 5000 }),
  rerun: { ports: { from: port, to: port }, portsExplicit: true, podmanPorts: { from: 32768, to: 60999 } },
  server: { version: "4.8" },
  probe: { allowCidrs: [] },
  clients: [],
  vantages: [],
  services: null,
  machines: [],
});

describe("observeClient", () => {
  it("probes the advertised IP as soon as the collect named it, while the host checks still run", async () => {
    const limits = { sessions: new Limiter(4), sockets: new FairLimiter(64), runId: "test", probeTimeoutMs: 1000, ownNetworks: [] };
    const observation = await observeClient(fx.target(sshd.port), inventory(), limits);
    expect(observation.collect.kind).toBe("collected");
    const counts = { open: 1, closed: 0, filtered: 0 };
    expect(observation.probe).toMatchObject({ kind: "probed", result: { address: "127.0.0.1", counts } });
    expect(observation.host).toMatchObject({ ok: true });
    expect(probedAt).toBeGreaterThan(0);
    expect(probedAt).toBeLessThan(hostRepliedAt);
  });
});
