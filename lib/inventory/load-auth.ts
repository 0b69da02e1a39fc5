import { existsSync } from "node:fs";
import type { Env } from "./expand";
import type { InventoryFile } from "./schema";

type At = (path: PropertyKey[]) => string;

/** Whether ssh-agent keys may be offered: as written, else only when no identityFile is given (audit L6). */
export const agentWanted = (ssh: InventoryFile["ssh"]): boolean => ssh.useAgent ?? !ssh.identityFile;

/** Problems with how the inventory's SSH settings would authenticate, each naming its field. */
export function checkSshAuth(ssh: InventoryFile["ssh"], identityFile: string | undefined, env: Env, at: At, problems: string[]): void {
  if (identityFile && !existsSync(/*turbopackIgnore: true*/ identityFile)) {
    problems.push(`${at(["ssh", "identityFile"])}: ${identityFile} does not exist`);
  }
  const agentSock = env.SSH_AUTH_SOCK?.trim();
  if (ssh.useAgent === undefined && !ssh.identityFile && !agentSock) {
    problems.push(`${at(["ssh"])}: set ssh.identityFile or run an ssh-agent (SSH_AUTH_SOCK)`);
  } else if (ssh.useAgent === true && !agentSock) {
    problems.push(`${at(["ssh", "useAgent"])}: is true but SSH_AUTH_SOCK is not set (start an ssh-agent, or set useAgent: false)`);
  } else if (ssh.useAgent === false && !ssh.identityFile) {
    problems.push(`${at(["ssh", "useAgent"])}: is false and no ssh.identityFile is set, so no key could be offered`);
  }
  if (ssh.passphraseEnv && env[ssh.passphraseEnv] === undefined) {
    problems.push(`${at(["ssh", "passphraseEnv"])}: environment variable ${ssh.passphraseEnv} is not set`);
  }
}
