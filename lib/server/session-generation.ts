import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { dataDir } from "../store/db";
import { setSessionGeneration } from "./session-token";

// Kept beside the database so a restart does not bring signed-out sessions back.
const FILE = "session-generation";
const VALUE = /^[0-9a-f]{1,64}$/;

/** At start: the generation the last sign-out left. */
export function loadSessionGeneration(dir = dataDir()): void {
  const file = join(/*turbopackIgnore: true*/ dir, FILE);
  const saved = existsSync(/*turbopackIgnore: true*/ file) ? readFileSync(/*turbopackIgnore: true*/ file, "utf8").trim() : "";
  if (VALUE.test(saved)) setSessionGeneration(saved);
}

/** Sign-out: every session issued so far stops verifying, here and after a restart. */
export function endAllSessions(dir = dataDir()): void {
  const generation = randomBytes(16).toString("hex");
  mkdirSync(/*turbopackIgnore: true*/ dir, { recursive: true, mode: 0o700 });
  writeFileSync(/*turbopackIgnore: true*/ join(dir, FILE), `${generation}\n`, { mode: 0o600 });
  setSessionGeneration(generation);
}
