import { plainHttpWarning, publicOrigin } from "./public-url";

/** At start: a malformed RERUN_DOCTOR_PUBLIC_URL stops the server; plain HTTP beyond loopback is warned about. */
export function checkPublicUrl(): void {
  try {
    publicOrigin();
  } catch (error) {
    process.stderr.write(`rerun-doctor: ${(error as Error).message}\n`);
    process.exit(1);
  }
  const warning = plainHttpWarning();
  if (warning) process.stderr.write(warning);
}
