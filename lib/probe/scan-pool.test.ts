import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FairLimiter } from "./fair-limiter";
import { ScanPool } from "./scan-pool";
import { closedRange } from "./test-ports";

let listener: Server;
let open: number;
const dir = mkdtempSync(join(tmpdir(), "rerun-doctor-pool-"));

beforeAll(async () => {
  listener = createServer((sock) => sock.on("error", () => undefined).end("SSH-2.0-OpenSSH_9.6\r\n"));
  open = await new Promise<number>((resolve) => {
    listener.listen(0, "127.0.0.1", () => resolve((listener.address() as { port: number }).port));
  });
});
afterAll(() => {
  listener.close();
  rmSync(dir, { recursive: true, force: true });
});

const request = (lane: string, range: { from: number; to: number }, signal?: AbortSignal) => ({
  address: "127.0.0.1",
  range,
  timeoutMs: 1000,
  rttHintMs: null,
  fleetRttHintMs: null,
  lane,
  ...(signal ? { signal } : {}),
});

describe("ScanPool", () => {
  it("runs scans here and on the probe thread at once, with the same observations", async () => {
    const pool = new ScanPool(new FairLimiter(64), 64);
    const closed = await closedRange(50);
    const [a, b, c] = await Promise.all([
      pool.scan(request("run/a", { from: open, to: open })),
      pool.scan(request("run/b", { from: open, to: open })),
      pool.scan(request("run/c", closed)),
    ]);
    expect(pool.started).toEqual({ here: 2, thread: 1 });
    for (const result of [a, b]) {
      expect(result!.open).toEqual([expect.objectContaining({ port: open, state: "open", banner: "SSH-2.0-OpenSSH_9.6" })]);
    }
    expect(c!.counts).toEqual({ open: 0, closed: 50, filtered: 0 });
  });

  it("keeps every scan here without a probe thread's share", async () => {
    const pool = new ScanPool(new FairLimiter(64), 0);
    await Promise.all([pool.scan(request("run/a", { from: open, to: open })), pool.scan(request("run/b", { from: open, to: open }))]);
    expect(pool.started).toEqual({ here: 2, thread: 0 });
  });

  it("rejects a scan on the thread with the run's reason once cancelled", async () => {
    const pool = new ScanPool(new FairLimiter(1), 1);
    const controller = new AbortController();
    const here = pool.scan(request("run/a", await closedRange(400)));
    const there = pool.scan(request("run/b", await closedRange(400), controller.signal));
    controller.abort(new Error("run cancelled"));
    await expect(there).rejects.toThrow("run cancelled");
    expect(pool.started.thread).toBe(1);
    await here;
  });

  it("runs again here what a probe thread that cannot start took, and keeps later scans here", async () => {
    const broken = join(dir, "broken-bootstrap.cjs");
    writeFileSync(broken, 'throw new Error("no tsx here");\n');
    const pool = new ScanPool(new FairLimiter(64), 64, broken);
    const first = await Promise.all([
      pool.scan(request("run/a", { from: open, to: open })),
      pool.scan(request("run/b", { from: open, to: open })),
    ]);
    expect(first.map((r) => r.counts)).toEqual([
      { open: 1, closed: 0, filtered: 0 },
      { open: 1, closed: 0, filtered: 0 },
    ]);
    expect(pool.threadLost).toContain("no tsx here");
    expect(pool.started).toEqual({ here: 2, thread: 1 }); // one scan went there, failed, and ran here
    await Promise.all([pool.scan(request("run/c", { from: open, to: open })), pool.scan(request("run/d", { from: open, to: open }))]);
    expect(pool.started).toEqual({ here: 4, thread: 1 });
  });
});
