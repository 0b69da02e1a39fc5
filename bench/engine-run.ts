// Child process of the benchmark: N runs of the engine at once in one process, as the dashboard's
// engine thread holds them. Prints one JSON line: wall time, per-client row times, CPU used.
import { loadInventory } from "../lib/inventory/load";
import { runDiagnosis } from "../lib/engine/run-diagnosis";

export interface EngineRunOutput {
  readonly wallMs: number;
  /** This process's CPU from the first run's start, start-up (tsx, imports) excluded. */
  readonly cpuMs: number;
  readonly clients: number;
  /** The first run's rows, in arrival order: when each arrived and how long its scan took. */
  readonly rows: readonly { name: string; verdict: string; atMs: number; scanMs: number }[];
}

async function main(): Promise<void> {
  const [inventoryFile, runsText] = process.argv.slice(2);
  const runs = Number(runsText ?? "1");
  if (!inventoryFile || !Number.isInteger(runs) || runs < 1 || runs > 20) throw new Error("usage: engine-run.ts <inventory> <runs 1..20>");
  const inventory = loadInventory(inventoryFile);
  const cpu0 = process.cpuUsage();
  const started = performance.now();
  const rows: { name: string; verdict: string; atMs: number; scanMs: number }[] = [];
  const reports = await Promise.all(
    Array.from({ length: runs }, (_, i) =>
      runDiagnosis(inventory, {
        onClient: (c) => {
          if (i > 0) return;
          rows.push({ name: c.name, verdict: c.verdict, atMs: performance.now() - started, scanMs: c.scanMs ?? 0 });
        },
      }),
    ),
  );
  const cpu = process.cpuUsage(cpu0);
  const out: EngineRunOutput = {
    wallMs: performance.now() - started,
    cpuMs: (cpu.user + cpu.system) / 1000,
    clients: reports[0]!.clients.length,
    rows,
  };
  process.stdout.write(`${JSON.stringify(out)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`engine-run: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
