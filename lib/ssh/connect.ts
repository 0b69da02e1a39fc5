import { connect as netConnect, type Socket } from "node:net";
import type { Duplex } from "node:stream";
import type { Client as Ssh2Client } from "ssh2";
import type { SshSettings } from "../inventory/types";
import { abortReason, onAbort } from "./abort";
import { authSteps, type AuthConfig } from "./auth";
import { sanitizeMessage } from "./errors";
import { bannerTimeout, handshakeFailure, handshakeTimeout, loginStalled, tcpFailure, tcpTimeout } from "./failure";
import { preferredHostKeyAlgorithms, keyTypeOf } from "./fingerprint";
import { verifyHostKey, type HostKeyContext, type HostKeyOutcome } from "./host-key-check";
import { knownKeysFor } from "./known-hosts";
import type { BannerPace } from "./banner-pace";
import { afterIo, bannerWaitMs, observeIncoming, silenceWatch, type Attempt, type SessionTimings } from "./patience";
import { Client, type ConnectConfig } from "./ssh2-module";
import type { SessionFailure } from "./types";

export type Step<T> = ({ readonly ok: true } & T) | { readonly ok: false; readonly failure: SessionFailure };

export interface HopContext {
  readonly ssh: SshSettings;
  readonly auth: AuthConfig;
  readonly attempt: Attempt;
  /** The first attempt's measurements, on a retry. */
  readonly basis?: SessionTimings;
  readonly signal?: AbortSignal;
  readonly pace?: BannerPace;
}

/** How often a banner wait looks again at the fleet's pace, which firms up as banners arrive. */
const PACE_RECHECK_MS = 250;

const KEEPALIVE_INTERVAL_MS = 5000;
const KEEPALIVE_COUNT_MAX = 3;
const noop = (): void => undefined;
const since = (started: number): number => Math.round((performance.now() - started) * 10) / 10;

/** TCP connect bounded by ssh.connectTimeoutMs; resolves a connected socket (and how long it took) or why not. */
export function connectTcp(host: string, port: number, ctx: HopContext): Promise<Step<{ sock: Socket; ms: number }>> {
  return new Promise((resolve, reject) => {
    if (ctx.signal?.aborted) return reject(abortReason(ctx.signal));
    const started = performance.now();
    const sock = netConnect({ host, port });
    sock.on("error", noop); // ssh2 adds its own listener; this one keeps late errors from crashing
    let settled = false;
    const settle = (ok: boolean, action: () => void): void => {
      if (settled) return;
      settled = true;
      cancelTimer();
      unsubscribe();
      if (!ok) sock.destroy();
      action();
    };
    const cancelTimer = afterIo(ctx.ssh.connectTimeoutMs, () =>
      settle(false, () => resolve({ ok: false, failure: tcpTimeout(ctx.ssh.connectTimeoutMs) })),
    );
    const unsubscribe = onAbort(ctx.signal, () => settle(false, () => reject(abortReason(ctx.signal!))));
    sock.once("connect", () => settle(true, () => resolve({ ok: true, sock, ms: since(started) })));
    sock.once("error", (err) => settle(false, () => resolve({ ok: false, failure: tcpFailure(err) })));
  });
}

/**
 * Waits until the server has sent something (its banner) without consuming it: a 'readable'
 * listener only peeks, and removing it hands the buffered bytes to ssh2's 'data' listener.
 */
export function awaitBanner(sock: Socket, tcpMs: number, ctx: HopContext): Promise<Step<{ ms: number }>> {
  const waitMs = (): number => bannerWaitMs(ctx.basis?.tcpMs ?? tcpMs, ctx.attempt, ctx.pace?.typicalMs() ?? null);
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const cleanup = (): void => {
      cancelTimer();
      unsubscribe();
      sock.off("readable", onReadable);
      sock.off("close", onClose);
      sock.off("error", onError);
    };
    const done = (step: Step<{ ms: number }>): void => {
      cleanup();
      if (!step.ok) sock.destroy();
      resolve(step);
    };
    const onReadable = (): void => {
      const ms = since(started);
      ctx.pace?.record(ms);
      done({ ok: true, ms });
    };
    // An RST right after the accept arrives here, as an error then a close, on a busy machine: still a reset.
    let lastError: unknown;
    const onError = (err: unknown): void => {
      lastError = err;
    };
    const onClose = (): void =>
      done({
        ok: false,
        failure:
          lastError !== undefined
            ? tcpFailure(lastError)
            : { kind: "protocol-error", message: "sshd closed the connection before sending its banner" },
      });
    const check = (): void => {
      const limit = waitMs();
      const left = limit - (performance.now() - started);
      if (left <= 0) return done({ ok: false, failure: bannerTimeout(limit, tcpMs, ctx.attempt, ctx.pace?.typicalMs() ?? null) });
      cancelTimer = afterIo(Math.min(left, PACE_RECHECK_MS), check);
    };
    let cancelTimer = afterIo(Math.min(waitMs(), PACE_RECHECK_MS), check);
    const unsubscribe = onAbort(ctx.signal, () => {
      cleanup();
      sock.destroy();
      reject(abortReason(ctx.signal!));
    });
    sock.on("readable", onReadable);
    sock.on("error", onError);
    sock.once("close", onClose);
  });
}

/**
 * SSH handshake, host key check and login over an already connected stream. A host that keeps
 * answering is waited for up to ssh.commandTimeoutMs; one silent for `idleMs` is hung.
 */
export function handshake(
  sock: Duplex,
  user: string,
  hostKeys: HostKeyContext,
  ctx: HopContext,
  idleMs: number,
): Promise<Step<{ client: Ssh2Client; fingerprint: string; ms: number }>> {
  const ceilingMs = Math.max(ctx.ssh.connectTimeoutMs, ctx.ssh.commandTimeoutMs) * ctx.attempt;
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const client = new Client();
    let hostKey: HostKeyOutcome | undefined;
    let settled = false;
    const settle = (action: () => void, ok = false): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      silence.stop();
      unobserve();
      unsubscribe();
      if (!ok) {
        client.destroy();
        sock.destroy();
      }
      action();
    };
    const fail = (failure: SessionFailure): void => settle(() => resolve({ ok: false, failure }));
    // A refused host key shows up as a generic ssh2 error; the verdict says what really happened.
    const failWith = (fallback: SessionFailure): void => fail(hostKey && !hostKey.ok ? hostKey.failure : fallback);
    const timer = setTimeout(
      () => failWith(handshakeTimeout(`SSH handshake and login did not finish within ${ceilingMs} ms, though sshd kept answering`)),
      ceilingMs,
    );
    const silence = silenceWatch(idleMs, (silentMs) => failWith(handshakeTimeout(loginStalled(silentMs, ctx.attempt))));
    const unobserve = observeIncoming(sock, () => silence.heard());
    const unsubscribe = onAbort(ctx.signal, () => settle(() => reject(abortReason(ctx.signal!))));
    client.on("error", (err) => failWith(handshakeFailure(err, ceilingMs)));
    client.on("close", () => failWith({ kind: "protocol-error", message: "connection closed during SSH handshake" }));
    client.once("ready", () => {
      const verified = hostKey;
      if (verified?.ok) settle(() => resolve({ ok: true, client, fingerprint: verified.fingerprint, ms: since(started) }), true);
      else failWith({ kind: "protocol-error", message: "session ready without a verified host key" });
    });

    const known = knownKeysFor(hostKeys.entries, hostKeys.host, hostKeys.port);
    const knownTypes = known.map(keyTypeOf).filter((t): t is string => t !== null);
    const config: ConnectConfig = {
      sock,
      username: user,
      readyTimeout: ceilingMs,
      keepaliveInterval: KEEPALIVE_INTERVAL_MS,
      keepaliveCountMax: KEEPALIVE_COUNT_MAX,
      algorithms: { serverHostKey: preferredHostKeyAlgorithms(knownTypes) as NonNullable<ConnectConfig["algorithms"]>["serverHostKey"] },
      hostVerifier: (key: Buffer, verify: (valid: boolean) => void): void => {
        verifyHostKey(hostKeys, key).then(
          (outcome) => {
            hostKey = outcome;
            if (!settled) verify(outcome.ok);
          },
          (err: unknown) => {
            hostKey = { ok: false, failure: { kind: "protocol-error", message: sanitizeMessage(err) } };
            if (!settled) verify(false);
          },
        );
      },
      authHandler: authSteps(ctx.auth, user),
    };
    try {
      client.connect(config);
    } catch (err) {
      fail({ kind: "protocol-error", message: sanitizeMessage(err) });
    }
  });
}
