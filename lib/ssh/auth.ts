import { readFile } from "node:fs/promises";
import type { AuthenticationType } from "ssh2";
import type { SshSettings } from "../inventory/types";
import { SshConfigError, sanitizeMessage } from "./errors";
import { ssh2Utils } from "./ssh2-module";

/** What ssh2 needs to authenticate; never printed, never put in an error. */
export interface AuthConfig {
  readonly privateKey?: Buffer;
  readonly passphrase?: string;
  readonly agent?: string;
  readonly methods: readonly AuthenticationType[];
}

async function readIdentity(file: string): Promise<Buffer> {
  try {
    return await readFile(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === "ENOENT" ? "does not exist" : `cannot be read (${code ?? "error"})`;
    throw new SshConfigError(`SSH identity file ${file} ${why}`, file);
  }
}

function checkKey(file: string, key: Buffer, passphrase: string | undefined, passphraseEnv?: string): void {
  const parsed: unknown = ssh2Utils.parseKey(key, passphrase);
  const first = Array.isArray(parsed) ? (parsed[0] as unknown) : parsed;
  if (first instanceof Error) {
    const encrypted = /passphrase|decrypt|encrypted/i.test(first.message);
    const hint = !encrypted
      ? sanitizeMessage(first)
      : passphraseEnv
        ? `it is encrypted and the passphrase from $${passphraseEnv} ${passphrase === undefined ? "is not set" : "does not open it"}`
        : "it is encrypted and no passphraseEnv is configured";
    throw new SshConfigError(`SSH identity file ${file} cannot be used: ${hint}`, file);
  }
  const usable = first as { getPrivatePEM?: () => string | null } | undefined;
  if (!usable?.getPrivatePEM || usable.getPrivatePEM() === null) {
    throw new SshConfigError(`SSH identity file ${file} holds no private key`, file);
  }
}

/**
 * Reads the key (if any) and finds the agent: key first, then agent keys. The agent is offered only
 * with ssh.useAgent, which defaults to true only without an identityFile.
 */
export async function loadAuth(ssh: SshSettings, env: NodeJS.ProcessEnv = process.env): Promise<AuthConfig> {
  const useAgent = ssh.useAgent ?? !ssh.identityFile;
  const agent = useAgent ? env.SSH_AUTH_SOCK?.trim() || undefined : undefined;
  if (useAgent && !agent) {
    const why = ssh.identityFile ? "ssh.useAgent is true" : "no SSH identityFile is configured";
    throw new SshConfigError(`${why} and SSH_AUTH_SOCK is not set`);
  }
  if (!ssh.identityFile) {
    if (!agent) throw new SshConfigError("no SSH identityFile is configured and ssh.useAgent is false: no key to offer");
    return { agent, methods: ["agent"] };
  }
  const privateKey = await readIdentity(ssh.identityFile);
  const passphrase = ssh.passphraseEnv ? env[ssh.passphraseEnv] : undefined;
  checkKey(ssh.identityFile, privateKey, passphrase, ssh.passphraseEnv);
  const methods: AuthenticationType[] = agent ? ["publickey", "agent"] : ["publickey"];
  return { privateKey, passphrase, agent, methods };
}

const cache = new WeakMap<SshSettings, Promise<AuthConfig>>();

/** Once per settings object: a run reads and parses the key once, not once per client. */
export function loadAuthOnce(ssh: SshSettings): Promise<AuthConfig> {
  let auth = cache.get(ssh);
  if (!auth) {
    auth = loadAuth(ssh);
    cache.set(ssh, auth);
    auth.catch(() => cache.delete(ssh));
  }
  return auth;
}

/** Throws SshConfigError now, before a run, when the settings cannot authenticate at all. */
export async function checkSshSettings(ssh: SshSettings): Promise<void> {
  await loadAuthOnce(ssh);
}
