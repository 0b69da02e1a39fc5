// M7: a run cancelled while a client's probes wait on its dropped range records nothing for it,
// least of all a RERUN_PORTS_FILTERED made of ports that were never answered nor waited out.
import { describe, expect, it } from "vitest";
import { readManifest } from "../../lab";
import { loadInventory } from "../inventory/load";
import type { ClientReport } from "../report/schema";
import { PROCESS_SOCKETS } from "./budget";
import { runDiagnosis } from "./run-diagnosis";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("a cancelled run", () => {
  it("rejects and reports no client whose scan the cancel cut short", async () => {
    const lab = readManifest();
    const full = loadInventory(lab.inventoryFile);
    const inventory = { ...full, clients: full.clients.filter((c) => c.name === "sg-drops-rerun-range") };
    expect(inventory.clients).toHaveLength(1);
    const controller = new AbortController();
    const rows: ClientReport[] = [];
    // Probes of a dropped range wait their whole timeout: a long one keeps the scan open until the cancel.
    const run = runDiagnosis(inventory, { signal: controller.signal, probeTimeoutMs: 60_000, onClient: (c) => rows.push(c) });
    const outcome = run.then(
      () => "finished",
      (error: unknown) => (error instanceof Error ? error.message : String(error)),
    );
    // Bounded wait for the scan to hold sockets: the collect ran, the probes are out.
    for (let i = 0; i < 600 && PROCESS_SOCKETS.inUse === 0; i++) await sleep(100);
    expect(PROCESS_SOCKETS.inUse).toBeGreaterThan(0);
    controller.abort(new Error("run cancelled by the test"));
    expect(await outcome).toBe("run cancelled by the test");
    expect(rows).toEqual([]);
    for (let i = 0; i < 100 && PROCESS_SOCKETS.inUse > 0; i++) await sleep(100);
    expect(PROCESS_SOCKETS.inUse).toBe(0);
  }, 120_000);
});
