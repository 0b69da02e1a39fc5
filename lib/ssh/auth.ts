import type { SshSettings } from "../inventory/types";
import { SshConfigError } from "./errors";
import { identityKey } from "./identity-key";
import type { AnyAuthMethod, AuthenticationType, ParsedKey } from "./ssh2-module";

/** What ssh2 needs to authenticate; never printed, never put in an error. */
export interface AuthConfig {
  /** Already decrypted: ssh2 then never sees the passphrase nor derives the key again per connection. */
  readonly privateKey?: ParsedKey;
  readonly agent?: string;
  readonly methods: readonly AuthenticationType[];
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
  const passphrase = ssh.passphraseEnv ? env[ssh.passphraseEnv] : undefined;
  const privateKey = await identityKey(ssh.identityFile, passphrase, ssh.passphraseEnv);
  const methods: AuthenticationType[] = agent ? ["publickey", "agent"] : ["publickey"];
  return { privateKey, agent, methods };
}

/**
 * ssh2's login steps: the parsed key goes in a step, not in the connect config, which takes only
 * a Buffer or string and would re-derive an encrypted key on every connection.
 */
export function authSteps(auth: AuthConfig, username: string): AnyAuthMethod[] {
  return auth.methods.flatMap((type): AnyAuthMethod[] => {
    if (type === "publickey" && auth.privateKey) return [{ type, username, key: auth.privateKey }];
    if (type === "agent" && auth.agent) return [{ type, username, agent: auth.agent }];
    return [];
  });
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
