import { defineConfig } from "@playwright/test";
import { CHROMIUM_LAUNCH } from "./e2e/chromium";
import { E2E_AUTH_STATE, E2E_BASE_URL, E2E_DATA_DIR, E2E_PORT, E2E_TOKEN, labInventory } from "./e2e/env";
import { SERVER_NODE_OPTIONS } from "./e2e/server/next-server";

export default defineConfig({
  testDir: "e2e",
  fullyParallel: false,
  workers: 1,
  forbidOnly: true,
  retries: 0,
  timeout: 180_000,
  // How long a locator waits for the page to get there: a wait on a busy machine, never a speed asserted.
  expect: { timeout: 20_000 },
  reporter: [["list"]],
  use: { baseURL: E2E_BASE_URL, launchOptions: CHROMIUM_LAUNCH },
  projects: [
    { name: "setup", testMatch: "**/auth.setup.ts" },
    { name: "chromium", testMatch: "**/*.spec.ts", dependencies: ["setup"], use: { storageState: E2E_AUTH_STATE } },
  ],
  webServer: {
    command: `node_modules/.bin/next start -H 127.0.0.1 -p ${E2E_PORT}`,
    url: `${E2E_BASE_URL}/api/health`,
    reuseExistingServer: false,
    timeout: 180_000,
    env: {
      NEXT_TELEMETRY_DISABLED: "1",
      NODE_OPTIONS: SERVER_NODE_OPTIONS,
      RERUN_DOCTOR_TOKEN: E2E_TOKEN,
      RERUN_DOCTOR_DATA: E2E_DATA_DIR,
      RERUN_DOCTOR_INVENTORY: labInventory(),
    },
  },
});
