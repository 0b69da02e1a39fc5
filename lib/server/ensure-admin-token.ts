import { randomBytes } from "node:crypto";
import { MIN_TOKEN_LENGTH } from "./session-token";

/**
 * The contract: with RERUN_DOCTOR_TOKEN unset, one is generated and printed at start. A set one
 * shorter than MIN_TOKEN_LENGTH stops the server: it could be guessed online.
 */
export function ensureAdminToken(): void {
  const configured = process.env.RERUN_DOCTOR_TOKEN?.trim();
  if (configured && configured.length < MIN_TOKEN_LENGTH) {
    process.stderr.write(
      `rerun-doctor: RERUN_DOCTOR_TOKEN has ${configured.length} characters; it needs at least ${MIN_TOKEN_LENGTH} ` +
        "(for example: openssl rand -base64 32), or leave it unset to have one generated.\n",
    );
    process.exit(1);
  }
  if (configured) return;
  const token = randomBytes(24).toString("base64url");
  process.env.RERUN_DOCTOR_TOKEN = token;
  process.stdout.write(`rerun-doctor: no RERUN_DOCTOR_TOKEN set; admin token for this run: ${token}\n`);
}
