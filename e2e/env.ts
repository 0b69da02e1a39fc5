import { join } from "node:path";

/** A fixed admin token for the test server only; never a real deployment's. */
export const E2E_TOKEN = "e2e-admin-token-0123456789abcdef";
export const E2E_DATA_DIR = join(__dirname, "..", ".tmp", "e2e-data");
/** The admin's session, saved once by auth.setup.ts and loaded by every spec that needs it. */
export const E2E_AUTH_STATE = join(__dirname, "..", ".tmp", "e2e-auth.json");
export const E2E_PORT = Number(process.env.E2E_PORT ?? 3100);
export const E2E_BASE_URL = `http://127.0.0.1:${E2E_PORT}`;

export function labInventory(): string {
  const dir = process.env.RERUN_DOCTOR_LAB_DIR ?? "/tmp/rerun-doctor-lab";
  return join(dir, "inventory.yaml");
}
