import { randomBytes } from "node:crypto";

/** The contract: with RERUN_DOCTOR_TOKEN unset, one is generated and printed at start. */
export function ensureAdminToken(): void {
  if (process.env.RERUN_DOCTOR_TOKEN?.trim()) return;
  const token = randomBytes(24).toString("base64url");
  process.env.RERUN_DOCTOR_TOKEN = token;
  process.stdout.write(`rerun-doctor: no RERUN_DOCTOR_TOKEN set; admin token for this run: ${token}\n`);
}
