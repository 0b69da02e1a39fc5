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
import type { OpenSessionOptions, OpenSessionResult } from "./types";

/** Asks the jump host for a direct-tcpip channel to the target, bounded by the deadline. */
function channelVia(jump: Ssh2Client, host: string, port: number, ctx: HopContext): Promise<Step<{ sock: Duplex }>> {
  return new Promise((resolve, reject) => {
    let settled = false;
    const settle = (action: () => void): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      unsubscribe();
      action();
    };
    const timer = setTimeout(() => settle(() => resolve({ ok: false, failure: tcpTimeout(ctx.ssh.connectTimeoutMs, " via jump host") })), Math.max(0, ctx.deadline - Date.now()));
    const unsubscribe = onAbort(ctx.signal, () => settle(() => reject(abortReason(ctx.signal!))));
    try {
      jump.forwardOut("127.0.0.1", 0, host, port, (err, channel) => {
        if (err) return settle(() => resolve({ ok: false, failure: channelOpenFailure(err) }));
        channel.on("error", () => undefined);
        if (settled) return void channel.close();
        settle(() => resolve({ ok: true, sock: channel }));
      });
    } catch (err) {
      settle(() => resolve({ ok: false, failure: jumpFailure({ kind: "protocol-error", message: sanitizeMessage(err) }) }));
    }
  });
}

async function connectJump(jumpHost: JumpHost, keys: (h: string, p: number) => HostKeyContext, ctx: HopContext): Promise<Step<{ client: Ssh2Client }>> {
  const tcp = await connectTcp(jumpHost.host, jumpHost.port, ctx);
  if (!tcp.ok) return { ok: false, failure: jumpFailure(tcp.failure) };
  const hop = await handshake(tcp.sock, jumpHost.user, keys(jumpHost.host, jumpHost.port), ctx);
  return hop.ok ? hop : { ok: false, failure: jumpFailure(hop.failure) };
}

/**
 * Opens an authenticated SSH session to `target` (through `ssh.jumpHost` when set).
 * Throws SshConfigError for settings that cannot work; rejects with the signal's reason on abort.
 */
export async function openSession(target: Target, ssh: SshSettings, opts: OpenSessionOptions = {}): Promise<OpenSessionResult> {
  opts.signal?.throwIfAborted();
  const auth = await loadAuthOnce(ssh);
  const entries: KnownHostEntry[] = await readKnownHosts(ssh.knownHostsFile);
  opts.signal?.throwIfAborted();
  const ctx: HopContext = { ssh, auth, deadline: Date.now() + ssh.connectTimeoutMs, signal: opts.signal };
  const keys = (host: string, port: number): HostKeyContext => ({
    file: ssh.knownHostsFile,
    policy: ssh.hostKeyPolicy,
    host,
    port,
    entries,
    onPinned: opts.onHostKeyPinned,
  });

  let jump: Ssh2Client | undefined;
  try {
    let sock: Duplex;
    if (ssh.jumpHost) {
      const hop = await connectJump(ssh.jumpHost, keys, ctx);
      if (!hop.ok) return hop;
      jump = hop.client;
      const channel = await channelVia(jump, target.host, target.port, ctx);
      if (!channel.ok) return channel;
      sock = channel.sock;
    } else {
      const tcp = await connectTcp(target.host, target.port, ctx);
      if (!tcp.ok) return tcp;
      const banner = await awaitBanner(tcp.sock, ctx);
      if (!banner.ok) return banner;
      sock = tcp.sock;
    }
    const hop = await handshake(sock, target.user, keys(target.host, target.port), ctx);
    if (!hop.ok) return hop;
    const session = createSession(hop.client, jump);
    jump = undefined; // the session owns it now
    return { ok: true, session, hostKeyFingerprint: hop.fingerprint };
  } finally {
    if (jump) closeClient(jump);
  }
}
