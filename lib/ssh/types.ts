import type { PortReason, PortState } from "../common/ports";
import type { BannerPace } from "./banner-pace";
import type { Attempt, SessionTimings } from "./patience";

/** Why no usable SSH session could be had with a client. Each maps to one finding code. */
export type SessionFailure =
  | { readonly kind: "unreachable"; readonly reason: "refused" | "reset" | "timeout" | "no-route" | "dns"; readonly message: string }
  | { readonly kind: "handshake-timeout"; readonly message: string }
  | { readonly kind: "auth-failed"; readonly message: string }
  | { readonly kind: "host-key-mismatch"; readonly presented: string; readonly known: readonly string[] }
  /** `certAuthorityLines`: known_hosts vouches for the host only through these `@cert-authority` lines. */
  | { readonly kind: "host-key-unknown"; readonly presented: string; readonly certAuthorityLines?: readonly number[] }
  | { readonly kind: "protocol-error"; readonly message: string };

/** Result of running one command over SSH; output is bounded, never unbounded strings. */
export interface ExecResult {
  readonly code: number | null;
  readonly signal: string | null;
  readonly stdout: Buffer;
  readonly stderr: Buffer;
  readonly truncated: boolean;
  /** "idle": the command went silent for its idle budget; "total": it ran past timeoutMs. */
  readonly timedOut: false | "idle" | "total";
  /** When stdout's chunks arrived: the chunk starting at byte `offset` came `ms` after the start. */
  readonly arrivals: readonly Arrival[];
  readonly durationMs: number;
}

export interface Arrival {
  readonly offset: number;
  readonly ms: number;
}

/** How a TCP port answered through a direct-tcpip channel; reasons follow nmap's vocabulary. */
export interface ForwardResult {
  readonly state: PortState;
  readonly reason: PortReason;
  readonly rttMs: number;
}

/** Set on an ExecResult when the command could not run or its connection dropped mid-way. */
export interface ExecChannelError {
  readonly channelError?: string;
}

export interface ExecOptions {
  /** The most a command may run, however chatty. */
  readonly timeoutMs: number;
  /** The most it may stay silent (no stdout or stderr bytes); unset: no idle limit. */
  readonly idleTimeoutMs?: number;
  readonly maxBytes: number;
  readonly stdin?: string | Buffer;
}

export interface SshSession {
  /** Resolves for anything the remote side does (including dropping the connection). */
  exec(command: string, opts: ExecOptions): Promise<ExecResult & ExecChannelError>;
  /** Opens and immediately closes a direct-tcpip channel; rejects only if the session is gone. */
  forwardOut(host: string, port: number, timeoutMs: number): Promise<ForwardResult>;
  /** Idempotent; also ends the jump host connection, if any. */
  end(): void;
}

export interface OpenSessionOptions {
  readonly signal?: AbortSignal;
  /** 2 on the one retry after a timeout: every patience budget doubles. */
  readonly attempt?: Attempt;
  /** What the first attempt measured: a retry's budgets grow from it, not from the retry's own cause. */
  readonly basis?: SessionTimings;
  /** This run's fleet banner pace: read for the banner wait, fed with this session's banner. */
  readonly pace?: BannerPace;
  /** Called after an accept-new pin was written; `key` is the pinned key's SHA256 fingerprint. */
  readonly onHostKeyPinned?: (host: string, port: number, key: string) => void;
}

export type OpenSessionResult =
  | { readonly ok: true; readonly session: SshSession; readonly hostKeyFingerprint: string; readonly timings: SessionTimings }
  | { readonly ok: false; readonly failure: SessionFailure; readonly timings: SessionTimings };
