import type { HostKeyPolicy } from "../inventory/types";
import { sanitizeMessage } from "./errors";
import { fingerprint } from "./fingerprint";
import { appendKnownHostsLine, readKnownHosts, withKnownHostsLock } from "./known-hosts-file";
import { checkKnownHost, formatKnownHostsLine, type KnownHostEntry, type KnownHostStatus } from "./known-hosts";
import type { SessionFailure } from "./types";

export interface HostKeyContext {
  readonly file: string;
  readonly policy: HostKeyPolicy;
  readonly host: string;
  readonly port: number;
  /** known_hosts as read before connecting (also used to order host key algorithms). */
  readonly entries: readonly KnownHostEntry[];
  readonly onPinned?: (host: string, port: number, key: string) => void;
}

export type HostKeyOutcome = { readonly ok: true; readonly fingerprint: string } | { readonly ok: false; readonly failure: SessionFailure };

function refuse(status: KnownHostStatus, presented: string): HostKeyOutcome | null {
  if (status.status === "mismatch") {
    return { ok: false, failure: { kind: "host-key-mismatch", presented, known: status.known.map(fingerprint) } };
  }
  // ssh2 cannot check host certificates; pinning the bare key on first use would bypass the CA.
  if (status.status === "unknown" && status.certAuthorityLines.length > 0) {
    return { ok: false, failure: { kind: "host-key-unknown", presented, certAuthorityLines: status.certAuthorityLines } };
  }
  return null;
}

/** Decides on a presented host key; a mismatch, or a host known only by its CA, is final whatever the policy. */
export async function verifyHostKey(ctx: HostKeyContext, key: Buffer): Promise<HostKeyOutcome> {
  const presented = fingerprint(key);
  const first = checkKnownHost(ctx.entries, ctx.host, ctx.port, key);
  if (first.status === "match") return { ok: true, fingerprint: presented };
  const refused = refuse(first, presented);
  if (refused) return refused;
  if (ctx.policy !== "accept-new") return { ok: false, failure: { kind: "host-key-unknown", presented } };

  return withKnownHostsLock(ctx.file, async (): Promise<HostKeyOutcome> => {
    // Another session may have pinned this host since we first read the file.
    const entries = await readKnownHosts(ctx.file);
    const fresh = checkKnownHost(entries, ctx.host, ctx.port, key);
    if (fresh.status === "match") return { ok: true, fingerprint: presented };
    const refusedNow = refuse(fresh, presented);
    if (refusedNow) return refusedNow;
    try {
      // A hashed file hides which hosts the admin reaches; a plain pin would give that away.
      const hashed = entries.some((e) => e.hosts.kind === "hashed");
      await appendKnownHostsLine(ctx.file, formatKnownHostsLine(ctx.host, ctx.port, key, hashed));
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code ?? sanitizeMessage(err);
      return { ok: false, failure: { kind: "protocol-error", message: `cannot pin host key in ${ctx.file}: ${code}` } };
    }
    try {
      ctx.onPinned?.(ctx.host, ctx.port, presented);
    } catch {
      // A failing observer must not undo a pin already written.
    }
    return { ok: true, fingerprint: presented };
  });
}
