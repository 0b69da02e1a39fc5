import { readFile, stat } from "node:fs/promises";
import { SshConfigError, sanitizeMessage } from "./errors";
import { ssh2Utils, type ParsedKey } from "./ssh2-module";

interface Decrypted {
  /** mtime and size when read: a rewritten key file is read and parsed again. */
  readonly stamp: string;
  readonly passphrase: string | undefined;
  readonly key: ParsedKey;
}

// bcrypt_pbkdf in ssh2 is pure JS and blocks the event loop: decrypt each key file once per process (audit L7).
const decrypted = new Map<string, Decrypted>();

function unreadable(file: string, err: unknown): SshConfigError {
  const code = (err as NodeJS.ErrnoException).code;
  const why = code === "ENOENT" ? "does not exist" : `cannot be read (${code ?? "error"})`;
  return new SshConfigError(`SSH identity file ${file} ${why}`, file);
}

function parseIdentity(file: string, data: Buffer, passphrase: string | undefined, passphraseEnv?: string): ParsedKey {
  const parsed = ssh2Utils.parseKey(data, passphrase);
  const first: unknown = Array.isArray(parsed) ? (parsed as unknown[])[0] : parsed;
  if (first instanceof Error) {
    const encrypted = /passphrase|decrypt|encrypted/i.test(first.message);
    const hint = !encrypted
      ? sanitizeMessage(first)
      : passphraseEnv
        ? `it is encrypted and the passphrase from $${passphraseEnv} ${passphrase === undefined ? "is not set" : "does not open it"}`
        : "it is encrypted and no passphraseEnv is configured";
    throw new SshConfigError(`SSH identity file ${file} cannot be used: ${hint}`, file);
  }
  const key = first as ParsedKey | undefined;
  if (!key?.getPrivatePEM || key.getPrivatePEM() === null) {
    throw new SshConfigError(`SSH identity file ${file} holds no private key`, file);
  }
  return key;
}

/** The identity file's private key, decrypted; parsed again only when the file or the passphrase changed. */
export async function identityKey(file: string, passphrase: string | undefined, passphraseEnv?: string): Promise<ParsedKey> {
  const stamp = await stat(file).then(
    (s) => `${s.mtimeMs}:${s.size}`,
    (err: unknown) => Promise.reject(unreadable(file, err)),
  );
  const cached = (): ParsedKey | undefined => {
    const hit = decrypted.get(file);
    return hit && hit.stamp === stamp && hit.passphrase === passphrase ? hit.key : undefined;
  };
  const hit = cached();
  if (hit) return hit;
  const data = await readFile(file).catch((err: unknown) => Promise.reject(unreadable(file, err)));
  const key = cached() ?? parseIdentity(file, data, passphrase, passphraseEnv);
  decrypted.set(file, { stamp, passphrase, key });
  return key;
}
