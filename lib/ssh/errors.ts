/** The inventory's SSH settings cannot work (unreadable key, bad passphrase, no auth method). */
export class SshConfigError extends Error {
  override readonly name = "SshConfigError";
  /** The file at fault, when there is one. */
  readonly file: string | undefined;

  constructor(message: string, file?: string) {
    super(message);
    this.file = file;
  }
}

const MAX_MESSAGE = 300;

/** Bounds a remote or library message and strips control characters before it reaches a report. */
export function sanitizeMessage(raw: unknown): string {
  const text = raw instanceof Error ? raw.message : String(raw);
  const clean = text.replace(/[\u0000-\u001f\u007f-\u009f]+/g, " ").trim();
  return clean.length > MAX_MESSAGE ? `${clean.slice(0, MAX_MESSAGE)}…` : clean || "unknown error";
}
