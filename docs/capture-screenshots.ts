/**
 * Regenerates the README's screenshots against the lab: `npx tsx docs/capture-screenshots.ts`
 * (root, lab up, app built). Not a test: it asserts nothing, it only takes pictures.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "@playwright/test";
import { readManifest } from "../lab";
import { kill, startServer } from "../e2e/server/next-server";

const TOKEN = "screenshots-admin-token-0123456789abcdef";
const ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-dev-shm-usage",
  "--disable-background-networking",
  "--disable-component-update",
  "--no-first-run",
];

async function main(): Promise<void> {
  const lab = readManifest();
  const dataDir = mkdtempSync(join(tmpdir(), "rd-shots-"));
  const server = await startServer(3170, {
    RERUN_DOCTOR_TOKEN: TOKEN,
    RERUN_DOCTOR_DATA: dataDir,
    RERUN_DOCTOR_INVENTORY: lab.inventoryFile,
  });
  const browser = await chromium.launch({ executablePath: "/usr/lib/chromium/chromium", args: ARGS });
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, baseURL: server.url });
    await page.goto("/login");
    await page.getByLabel("Admin token").fill(TOKEN);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("button", { name: "Run diagnosis" }).click();
    await page.getByTestId("run-progress").filter({ hasText: "done" }).waitFor({ timeout: 60_000 });
    await page.screenshot({ path: join(__dirname, "home.png") });
    await page
      .locator("figure")
      .first()
      .screenshot({ path: join(__dirname, "diagram.png") });
    await page.getByRole("link", { name: "override-garbage" }).click();
    await page.getByRole("heading", { level: 1, name: "override-garbage" }).waitFor();
    await page.screenshot({ path: join(__dirname, "client.png"), fullPage: true });
  } finally {
    await browser.close();
    await kill(server, "SIGTERM");
    rmSync(dataDir, { recursive: true, force: true });
  }
}

void main();
