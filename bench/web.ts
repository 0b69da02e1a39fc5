import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "@playwright/test";
import type { LabManifest } from "../lab";

const PORT = 3190;
const TOKEN = "bench-admin-token-not-secret";
const CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

export interface WebFigures {
  readonly firstRowMs: number;
  readonly completeMs: number;
  readonly firstLoadJsBytes: number;
}

async function waitForHealth(deadline: number): Promise<void> {
  while (Date.now() < deadline) {
    const ok = await fetch(`http://127.0.0.1:${PORT}/api/health`).then((r) => r.ok, () => false);
    if (ok) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error("the dashboard did not start within 30 s (is it built? npm run build)");
}

function startServer(lab: LabManifest, dataDir: string): ChildProcess {
  const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", RERUN_DOCTOR_TOKEN: TOKEN, RERUN_DOCTOR_DATA: dataDir, RERUN_DOCTOR_INVENTORY: lab.inventoryFile };
  return spawn("node_modules/.bin/next", ["start", "-H", "127.0.0.1", "-p", String(PORT)], { env, stdio: "ignore" });
}

/** Press Run in Chromium and time the first row and the complete matrix; sum the home page's JavaScript. */
export async function measureWeb(lab: LabManifest): Promise<WebFigures> {
  const dataDir = mkdtempSync(join(tmpdir(), "rd-bench-web-"));
  const server = startServer(lab, dataDir);
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/lib/chromium/chromium", args: CHROMIUM_ARGS });
  try {
    await waitForHealth(Date.now() + 30_000);
    const page = await browser.newPage({ baseURL: `http://127.0.0.1:${PORT}` });
    await page.goto("/login");
    await page.getByLabel("Admin token").fill(TOKEN);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("button", { name: "Run diagnosis" }).waitFor();
    let firstLoadJsBytes = 0;
    page.on("response", async (response) => {
      if (response.request().resourceType() === "script") firstLoadJsBytes += (await response.body().catch(() => Buffer.alloc(0))).length;
    });
    await page.reload({ waitUntil: "networkidle" });
    page.removeAllListeners("response");
    const started = performance.now();
    await page.getByRole("button", { name: "Run diagnosis" }).click();
    await page.locator("table[aria-label='Reachability matrix'] tr[data-client]").first().waitFor({ timeout: 60_000 });
    const firstRowMs = performance.now() - started;
    const total = lab.clients.length;
    await page.getByTestId("run-progress").filter({ hasText: `${total} of ${total} clients` }).filter({ hasText: "done" }).waitFor({ timeout: 120_000 });
    return { firstRowMs, completeMs: performance.now() - started, firstLoadJsBytes };
  } finally {
    await browser.close();
    server.kill("SIGTERM");
    await new Promise((r) => server.once("exit", r));
    rmSync(dataDir, { recursive: true, force: true });
  }
}
