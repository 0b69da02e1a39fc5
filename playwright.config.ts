import { defineConfig } from "@playwright/test";
import { E2E_DATA_DIR, E2E_TOKEN, labInventory } from "./e2e/env";

const port = Number(process.env.E2E_PORT ?? 3100);

// Debian's chromium: Playwright's own browser download cannot work on these machines.
export default defineConfig({
  testDir: "e2e",
  testMatch: "**/*.spec.ts",
  fullyParallel: false,
  workers: 1,
  forbidOnly: true,
  retries: 0,
  timeout: 60_000,
  reporter: [["list"]],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/lib/chromium/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-quic", "--no-first-run"],
    },
  },
  webServer: {
    command: `node_modules/.bin/next start -H 127.0.0.1 -p ${port}`,
    url: `http://127.0.0.1:${port}/api/health`,
    reuseExistingServer: false,
    timeout: 60_000,
    env: { NEXT_TELEMETRY_DISABLED: "1", RERUN_DOCTOR_TOKEN: E2E_TOKEN, RERUN_DOCTOR_DATA: E2E_DATA_DIR, RERUN_DOCTOR_INVENTORY: labInventory() },
  },
});
