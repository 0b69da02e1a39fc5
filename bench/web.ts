import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "@playwright/test";
import type { LabManifest } from "../lab";
import { kill, startServer } from "../e2e/server/next-server";

const PORT = 3190;
const TOKEN = "bench-admin-token-not-secret-0123456789";
const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-dev-shm-usage",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

export interface WebFigures {
  readonly firstRowMs: number;
  readonly completeMs: number;
  readonly firstLoadJsBytes: number;
}

/** The newest modification time under `dir`, in ms. */
function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) newest = Math.max(newest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

/**
 * The web figure times `next start` of the code being measured: build first when there is no build
 * (a fresh clone) or the sources changed since (a stale build times the old engine), not after minutes of baselines.
 */
export function ensureBuild(root: string): void {
  const id = join(root, ".next", "BUILD_ID");
  const sources = ["app", "components", "lib"].map((dir) => newestMtime(join(root, dir)));
  if (existsSync(id) && statSync(id).mtimeMs > Math.max(...sources)) return;
  process.stderr.write("bench: no production build of these sources yet: running next build first\n");
  execFileSync("npx", ["next", "build"], { cwd: root, stdio: ["ignore", "ignore", "inherit"] });
}

/** Press Run in Chromium and time the first row and the complete matrix; sum the home page's JavaScript. */
export async function measureWeb(lab: LabManifest): Promise<WebFigures> {
  const dataDir = mkdtempSync(join(tmpdir(), "rd-bench-web-"));
  const server = await startServer(PORT, {
    RERUN_DOCTOR_TOKEN: TOKEN,
    RERUN_DOCTOR_DATA: dataDir,
    RERUN_DOCTOR_INVENTORY: lab.inventoryFile,
  });
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/lib/chromium/chromium", args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage({ baseURL: server.url });
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
    await page
      .getByTestId("run-progress")
      .filter({ hasText: `${total} of ${total} clients` })
      .filter({ hasText: "done" })
      .waitFor({ timeout: 120_000 });
    return { firstRowMs, completeMs: performance.now() - started, firstLoadJsBytes };
  } finally {
    await browser.close();
    await kill(server, "SIGTERM");
    rmSync(dataDir, { recursive: true, force: true });
  }
}
