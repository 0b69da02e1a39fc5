import { join } from "node:path";

/** A fixed admin token for the test server only; never a real deployment's. */
export const E2E_TOKEN = "e2e-admin-token-0123456789abcdef";
export const E2E_DATA_DIR = join(__dirname, "..", ".tmp", "e2e-data");

export function labInventory(): string {
  const dir = process.env.RERUN_DOCTOR_LAB_DIR ?? "/tmp/rerun-doctor-lab";
  return join(dir, "inventory.yaml");
}
