import { isAppError } from "../../lib/common/app-error";
import { loadInventory } from "../../lib/inventory/load";
import { renderMarkdown } from "../../lib/report/render-markdown";
import { renderTable } from "../../lib/report/render-table";
import type { Report } from "../../lib/report/schema";
import { runDiagnosis } from "../../lib/engine/run-diagnosis";
import type { CheckCommand } from "./args";
import { saveRun } from "./save";

function render(report: Report, format: CheckCommand["format"]): string {
  if (format === "json") return `${JSON.stringify(report, null, 2)}\n`;
  if (format === "markdown") return renderMarkdown(report);
  return renderTable(report, { color: process.stdout.isTTY === true });
}

/** Exit 0 when reruns work everywhere (ok or degraded), 1 when some client is broken or unknown. */
export function exitCodeOf(report: Report): number {
  const brokenClient = report.clients.some((c) => c.verdict === "broken" || c.verdict === "unknown");
  // Fleet-level errors (a VM's 54782 filtered) break reruns too, for no one client.
  return brokenClient || (report.findings ?? []).some((f) => f.severity === "error") ? 1 : 0;
}

export async function runCheck(command: CheckCommand): Promise<number> {
  try {
    return await check(command);
  } catch (error) {
    if (!isAppError(error) || error.code !== "invalid_inventory") throw error;
    process.stderr.write(`rerun-doctor: ${error.text}\n`);
    return 2;
  }
}

async function check(command: CheckCommand): Promise<number> {
  const inventory = loadInventory(command.inventory);
  for (const warning of inventory.warnings) process.stderr.write(`rerun-doctor: warning: ${warning}\n`);
  const progress = process.stderr.isTTY === true;
  const started = performance.now();
  const controller = new AbortController();
  process.once("SIGINT", () => controller.abort());
  const report = await runDiagnosis(inventory, {
    concurrency: command.concurrency,
    connectTimeoutMs: command.connectTimeoutMs,
    probeTimeoutMs: command.probeTimeoutMs,
    signal: controller.signal,
    onClient: progress
      ? (_client, done, total) => {
          const seconds = ((performance.now() - started) / 1000).toFixed(1);
          process.stderr.write(`\r\x1b[Krerun-doctor: ${done}/${total} clients, ${seconds} s`);
        }
      : undefined,
  });
  if (progress) process.stderr.write("\r\x1b[K");
  process.stdout.write(render(report, command.format));
  if (command.save) {
    const { url } = saveRun(report, { interrupted: controller.signal.aborted });
    process.stderr.write(`rerun-doctor: saved run ${report.runId}: ${url}\n`);
  }
  return exitCodeOf(report);
}
