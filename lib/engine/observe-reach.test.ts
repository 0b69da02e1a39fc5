import { FairLimiter } from "../probe/fair-limiter";
import { createServer, type Server } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { collected, makeObservation, makeTarget, probed } from "../diagnose/test-fixtures";
import type { ClientObservation } from "../diagnose/types";
import type { Inventory } from "../inventory/types";
import { Limiter } from "../probe/limiter";
import { createFixture, type Fixture } from "../ssh/test-fixture";
import { closedPort, fixtureKey, startTestServer, type TestServer } from "../ssh/test-server";
import { rerunRangeFor } from "./observe-client";
import { observeReach, withReach } from "./observe-reach";

const clientKey = fixtureKey("client");
const hostKey = fixtureKey("host-a");
let fx: Fixture;
let vantage: TestServer;
let listener: Server;
let sshdPort: number;
let refused: number;

beforeAll(async () => {
  fx = createFixture(clientKey);
  listener = createServer((sock) => sock.on("error", () => undefined).end());
  sshdPort = await new Promise<number>((resolve) =>
    listener.listen(0, "127.0.0.1", () => resolve((listener.address() as { port: number }).port)),
  );
  refused = await closedPort();
  // From the vantage, the VM's 54782 and the client's rerun port get no answer; from here they are refused.
  vantage = await startTestServer({ hostKey, clientKey, forwarding: true, blackholePorts: [54782, refused] });
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

const rerun = () => ({ ports: { from: refused, to: refused }, portsExplicit: true, podmanPorts: { from: 32768, to: 60999 } });
const inventory = (over: Partial<Inventory> = {}): Inventory => ({
  file: "/fleet.yaml",
  warnings: [],
  ssh: fx.settings(),
  rerun: rerun(),
  server: { version: "4.8" },
  probe: { allowCidrs: [] },
  clients: [],
  vantages: [{ name: "office-bastion", host: "127.0.0.1", port: vantage.port, user: "root" }],
  services: null,
  machines: [{ name: "vm-1", host: "127.0.0.1" }],
  ...over,
});
const limits = () => ({ sessions: new Limiter(4), sockets: new FairLimiter(64), runId: "test", probeTimeoutMs: 300, ownNetworks: [] });
const observations: ClientObservation[] = [
  { target: makeTarget({ name: "c1", host: "127.0.0.1", port: 1 }), collect: collected(), probe: probed([], "127.0.0.1") },
];

describe("observeReach", () => {
  it("attaches each vantage's view to the clients and probes VMs from the dashboard and the vantages", async () => {
    const obs: ClientObservation[] = [{ ...observations[0]!, target: makeTarget({ name: "c1", host: "127.0.0.1", port: sshdPort }) }];
    const { observations: out, fleet } = await observeReach(inventory(), obs, limits());
    expect(out[0]!.reach?.vantages).toEqual([
      { vantage: "office-bastion", unusable: null, scan: expect.objectContaining({ counts: { open: 0, closed: 0, filtered: 1 } }) },
    ]);
    expect(fleet?.vantages).toEqual([{ name: "office-bastion", host: "127.0.0.1", check: `127.0.0.1:${sshdPort}`, unusable: null }]);
    const [dashboard, bastion] = fleet!.machines[0]!.from;
    expect(dashboard).toMatchObject({ source: "dashboard", unusable: null });
    expect(dashboard!.probe?.state).not.toBe("filtered");
    expect(bastion).toMatchObject({ source: "office-bastion", probe: { port: 54782, state: "filtered" } });
  });

  it("does nothing without vantages or machines", async () => {
    const result = await observeReach(inventory({ vantages: [], machines: [] }), observations, limits());
    expect(result).toEqual({ observations, fleet: null });
  });
});

describe("rerunRangeFor / withReach", () => {
  it("probes the clients the inventory calls Podman on Podman's range, unless rerun.ports was set", () => {
    const explicit = rerun();
    const implicit = { ...explicit, portsExplicit: false };
    const podman = makeTarget({ runtime: "podman" });
    expect(rerunRangeFor(podman, implicit)).toEqual({ from: 32768, to: 60999 });
    expect(rerunRangeFor(podman, explicit)).toBe(explicit.ports);
    expect(rerunRangeFor(makeTarget(), implicit)).toBe(explicit.ports);
  });

  it("adds only what was observed", () => {
    const base = makeObservation();
    expect(withReach(base, { paths: undefined })).toBe(base);
    expect(withReach(base, { paths: { unmeasured: null, paths: [] } }).reach).toEqual({ paths: { unmeasured: null, paths: [] } });
  });
});
