import { createServer, type Socket } from "node:net";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { openSession } from "./open-session";
import { createFixture } from "./test-fixture";
import { fixtureKey } from "./test-server";

/** Accepts, waits until the client is connected for sure, then resets (RST), as a middlebox killing the flow does. */
async function resetServer(delayMs: number): Promise<{ port: number; close: () => Promise<void> }> {
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    setTimeout(() => socket.resetAndDestroy(), delayMs);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    port: (server.address() as AddressInfo).port,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

describe("an RST after the TCP connect", () => {
  it("is a reset while waiting for the banner too, not a clean close", async () => {
    const fx = createFixture(fixtureKey("client"));
    const server = await resetServer(200);
    try {
      const result = await openSession(fx.target(server.port), fx.settings());
      expect(result.ok ? null : result.failure).toMatchObject({ kind: "unreachable", reason: "reset" });
    } finally {
      await server.close();
      fx.cleanup();
    }
  });
});
