export { openSession } from "./open-session";
export { checkSshSettings } from "./auth";
export { fingerprint } from "./fingerprint";
export { SshConfigError } from "./errors";
export { commandIdleMs, type Attempt, type SessionTimings } from "./patience";
export {
  checkKnownHost,
  formatKnownHostsLine,
  knownHostsName,
  parseKnownHosts,
  type KnownHostEntry,
  type KnownHostStatus,
} from "./known-hosts";
export type {
  ExecChannelError,
  ExecOptions,
  ExecResult,
  ForwardResult,
  OpenSessionOptions,
  OpenSessionResult,
  SessionFailure,
  SshSession,
} from "./types";
