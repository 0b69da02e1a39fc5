import type { LabManifest } from "../lab";
import { loadInventory } from "../lib/inventory/load";
import { DEFAULT_PROBE_TIMEOUT_MS } from "../lib/engine/run-diagnosis";
import { openSession } from "../lib/ssh/open-session";

/** The floor of a run: one probe timeout (a filtered port) plus one SSH handshake, measured. */
export async function measureFloor(lab: LabManifest): Promise<{ handshakeMs: number; probeTimeoutMs: number; floorMs: number }> {
  const inventory = loadInventory(lab.inventoryFile);
  const target = inventory.clients.find((c) => c.name === "healthy-imdsv1") ?? inventory.clients[0]!;
  const samples: number[] = [];
  for (let i = 0; i < 5; i++) {
    const started = performance.now();
    const opened = await openSession(target, inventory.ssh);
    samples.push(performance.now() - started);
    if (opened.ok) opened.session.end();
    else throw new Error(`cannot open a session to ${target.name} for the floor: ${opened.failure.kind}`);
  }
  const handshakeMs = [...samples].sort((a, b) => a - b)[2]!;
  return { handshakeMs, probeTimeoutMs: DEFAULT_PROBE_TIMEOUT_MS, floorMs: handshakeMs + DEFAULT_PROBE_TIMEOUT_MS };
}
