import type { Duplex } from "node:stream";
import type { Client as Ssh2Client } from "ssh2";
import type { JumpHost, SshSettings, Target } from "../inventory/types";
import { abortReason, onAbort } from "./abort";
import { loadAuthOnce } from "./auth";
import { awaitBanner, connectTcp, handshake, type HopContext, type Step } from "./connect";
import { sanitizeMessage } from "./errors";
import { channelOpenFailure, jumpFailure, tcpTimeout } from "./failure";
import type { HostKeyContext } from "./host-key-check";
import { readKnownHosts } from "./known-hosts-file";
import type { KnownHostEntry } from "./known-hosts";
import { closeClient, createSession } from "./session";
import { afterIo, loginIdleMs, NO_TIMINGS, type SessionTimings } from "./patience";
import type { OpenSessionOptions, OpenSessionResult, SessionFailure } from "./types";

/** Asks the jump host for a direct-tcpip channel to the target, bounded by ssh.connectTimeoutMs. */
function channelVia(jump: Ssh2Client, host: string, port: number, ctx: HopContext): Promise<Step<{ sock: Duplex; ms: number }>> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    let settled = false;
    const settle = (action: () => void): void => {
      if (settled) return;
      settled = true;
      cancelTimer();
      unsubscribe();
      action();
    };
    const cancelTimer = afterIo(ctx.ssh.connectTimeoutMs, () =>
      settle(() => resolve({ ok: false, failure: tcpTimeout(ctx.ssh.connectTimeoutMs, " via jump host") })),
    );
    const unsubscribe = onAbort(ctx.signal, () => settle(() => reject(abortReason(ctx.signal!))));
    try {
      jump.forwardOut("127.0.0.1", 0, host, port, (err, channel) => {
        if (err) return settle(() => resolve({ ok: false, failure: channelOpenFailure(err) }));
        channel.on("error", () => undefined);
        if (settled) return void channel.close();
        settle(() => resolve({ ok: true, sock: channel, ms: Math.round(performance.now() - started) }));
      });
    } catch (err) {
      settle(() => resolve({ ok: false, failure: jumpFailure({ kind: "protocol-error", message: sanitizeMessage(err) }) }));
    }
  });
}

async function connectJump(
  jumpHost: JumpHost,
  keys: (h: string, p: number) => HostKeyContext,
  ctx: HopContext,
): Promise<Step<{ client: Ssh2Client }>> {
  const tcp = await connectTcp(jumpHost.host, jumpHost.port, ctx);
  if (!tcp.ok) return { ok: false, failure: jumpFailure(tcp.failure) };
  const banner = await awaitBanner(tcp.sock, tcp.ms, ctx);
  if (!banner.ok) return { ok: false, failure: jumpFailure(banner.failure) };
  const hop = await handshake(tcp.sock, jumpHost.user, keys(jumpHost.host, jumpHost.port), ctx, loginIdleMs(banner.ms, ctx.attempt));
  return hop.ok ? hop : { ok: false, failure: jumpFailure(hop.failure) };
}

/**
 * Opens an authenticated SSH session to `target` (through `ssh.jumpHost` when set), measuring each
 * step; `attempt` 2 doubles every patience budget. Throws SshConfigError for settings that cannot
 * work; rejects with the signal's reason on abort.
 */
export async function openSession(target: Target, ssh: SshSettings, opts: OpenSessionOptions = {}): Promise<OpenSessionResult> {
  opts.signal?.throwIfAborted();
  const auth = await loadAuthOnce(ssh);
  const entries: KnownHostEntry[] = await readKnownHosts(ssh.knownHostsFile);
  opts.signal?.throwIfAborted();
  const ctx: HopContext = { ssh, auth, attempt: opts.attempt ?? 1, basis: opts.basis, signal: opts.signal, pace: opts.pace };
  const keys = (host: string, port: number, policy = ssh.hostKeyPolicy): HostKeyContext => ({
    file: ssh.knownHostsFile,
    policy,
    host,
    port,
    entries,
    onPinned: opts.onHostKeyPinned,
  });
  let timings: SessionTimings = NO_TIMINGS;
  const failed = (failure: SessionFailure): OpenSessionResult => ({ ok: false, failure, timings });

  let jump: Ssh2Client | undefined;
  try {
    let sock: Duplex;
    if (ssh.jumpHost) {
      const hop = await connectJump(ssh.jumpHost, keys, ctx);
      if (!hop.ok) return failed(hop.failure);
      jump = hop.client;
      const channel = await channelVia(jump, target.host, target.port, ctx);
      if (!channel.ok) return failed(channel.failure);
      timings = { ...timings, tcpMs: channel.ms };
      sock = channel.sock;
    } else {
      const tcp = await connectTcp(target.host, target.port, ctx);
      if (!tcp.ok) return failed(tcp.failure);
      timings = { ...timings, tcpMs: tcp.ms };
      const banner = await awaitBanner(tcp.sock, tcp.ms, ctx);
      if (!banner.ok) return failed(banner.failure);
      timings = { ...timings, bannerMs: banner.ms };
      sock = tcp.sock;
    }
    const measured = opts.basis?.bannerMs ?? timings.bannerMs ?? timings.tcpMs;
    // Nomad chose this host: a key pinned on first use would trust whatever answers there, so known_hosts must know it already.
    const policy = target.source === "nomad" ? "strict" : ssh.hostKeyPolicy;
    const hop = await handshake(sock, target.user, keys(target.host, target.port, policy), ctx, loginIdleMs(measured, ctx.attempt));
    if (!hop.ok) return failed(hop.failure);
    timings = { ...timings, loginMs: hop.ms };
    const session = createSession(hop.client, jump);
    jump = undefined; // the session owns it now
    return { ok: true, session, hostKeyFingerprint: hop.fingerprint, timings };
  } finally {
    if (jump) closeClient(jump);
  }
}
