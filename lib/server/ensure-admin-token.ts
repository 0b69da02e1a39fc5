import { randomBytes } from "node:crypto";
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { dataDir } from "../store/db";
import { MIN_TOKEN_LENGTH } from "./session-token";

/** Where a generated admin token is kept (0600), so a restart does not sign every admin out. */
export const adminTokenFile = (env: Readonly<Record<string, string | undefined>> = process.env): string =>
  join(dataDir(env), "admin-token");

function readKept(file: string): string | null {
  try {
    const kept = readFileSync(/*turbopackIgnore: true*/ file, "utf8").trim();
    return kept.length >= MIN_TOKEN_LENGTH ? kept : null;
  } catch {
    return null;
  }
}

/**
 * The contract: with RERUN_DOCTOR_TOKEN unset, one is generated and printed at start. It is printed
 * once, when made; later starts reuse the file and print only its path. A set token shorter than
 * MIN_TOKEN_LENGTH stops the server: it could be guessed online.
 */
export function ensureAdminToken(env: Record<string, string | undefined> = process.env): void {
  const configured = env.RERUN_DOCTOR_TOKEN?.trim();
  if (configured && configured.length < MIN_TOKEN_LENGTH) {
    process.stderr.write(
      `rerun-doctor: RERUN_DOCTOR_TOKEN has ${configured.length} characters; it needs at least ${MIN_TOKEN_LENGTH} ` +
        "(for example: openssl rand -base64 32), or leave it unset to have one generated.\n",
    );
    process.exit(1);
  }
  if (configured) return;
  const file = adminTokenFile(env);
  const kept = readKept(file);
  if (kept) {
    env.RERUN_DOCTOR_TOKEN = kept;
    process.stdout.write(`rerun-doctor: no RERUN_DOCTOR_TOKEN set; using the admin token kept in ${file}\n`);
    return;
  }
  const token = randomBytes(24).toString("base64url");
  mkdirSync(/*turbopackIgnore: true*/ dataDir(env), { recursive: true, mode: 0o700 });
  writeFileSync(/*turbopackIgnore: true*/ file, `${token}\n`, { mode: 0o600 });
  chmodSync(/*turbopackIgnore: true*/ file, 0o600);
  env.RERUN_DOCTOR_TOKEN = token;
  process.stdout.write(`rerun-doctor: no RERUN_DOCTOR_TOKEN set; admin token for this run: ${token} (kept in ${file}, 0600)\n`);
}
