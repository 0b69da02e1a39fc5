import { sanitizeMessage } from "./errors";
import { forwardFailureState } from "./forward";
import type { Attempt } from "./patience";
import type { SessionFailure } from "./types";

const NO_ROUTE = new Set(["EHOSTUNREACH", "ENETUNREACH", "EHOSTDOWN", "ENETDOWN"]);
const DNS = new Set(["ENOTFOUND", "EAI_AGAIN", "EAI_NODATA", "EAI_NONAME", "EAI_FAIL"]);

/** A failure before TCP (or the jump host's channel) connected. */
export function tcpFailure(err: unknown): SessionFailure {
  const code = (err as NodeJS.ErrnoException | undefined)?.code ?? "";
  if (code === "ECONNREFUSED") return { kind: "unreachable", reason: "refused", message: "connection refused" };
  if (code === "ECONNRESET") return { kind: "unreachable", reason: "reset", message: "connection reset (RST) as soon as TCP connected" };
  if (code === "ETIMEDOUT") return { kind: "unreachable", reason: "timeout", message: "TCP connect timed out" };
  if (NO_ROUTE.has(code)) return { kind: "unreachable", reason: "no-route", message: `no route to host (${code})` };
  if (DNS.has(code)) return { kind: "unreachable", reason: "dns", message: `host name does not resolve (${code})` };
  return { kind: "protocol-error", message: `TCP connect failed: ${sanitizeMessage(err)}` };
}

export function tcpTimeout(ms: number, via = ""): SessionFailure {
  return { kind: "unreachable", reason: "timeout", message: `no TCP connection${via} within ${ms} ms` };
}

export function handshakeTimeout(message: string): SessionFailure {
  return { kind: "handshake-timeout", message };
}

const retried = (attempt: Attempt): string => (attempt > 1 ? ", on the retry with doubled patience" : "");

export function bannerTimeout(waitMs: number, tcpMs: number, attempt: Attempt, fleetTypicalMs: number | null = null): SessionFailure {
  const again = attempt > 1 ? ", on the retry over a new connection" : "";
  const pace = fleetTypicalMs === null ? "" : ` (the other clients' banners came within ${Math.round(fleetTypicalMs)} ms)`;
  return handshakeTimeout(`TCP connected in ${tcpMs} ms but sshd sent no SSH banner within ${waitMs} ms${again}${pace}`);
}

export function loginStalled(silentMs: number, attempt: Attempt): string {
  return `sshd went silent for ${silentMs} ms during key exchange and login${retried(attempt)}`;
}

/** A failure once TCP was up: ssh2's errors carry a `level` telling which stage failed. */
export function handshakeFailure(err: unknown, ms: number): SessionFailure {
  const level = (err as { level?: string } | undefined)?.level;
  const message = sanitizeMessage(err);
  if (level === "client-authentication" || /authentication methods failed|too many authentication failures/i.test(message)) {
    return { kind: "auth-failed", message: "the server refused every configured key" };
  }
  if (level === "client-timeout" || /timed out while waiting for handshake/i.test(message))
    return handshakeTimeout(`SSH handshake and login did not finish within ${ms} ms`);
  return { kind: "protocol-error", message };
}

/** Why the jump host could not open a channel to the target, as a reachability verdict. */
export function channelOpenFailure(err: unknown): SessionFailure {
  const message = sanitizeMessage(err);
  switch (forwardFailureState(err, 0).reason) {
    case "conn-refused":
      return { kind: "unreachable", reason: "refused", message: "connection refused (via jump host)" };
    case "host-unreach":
    case "net-unreach":
      return { kind: "unreachable", reason: "no-route", message: `no route to host (via jump host): ${message}` };
    case "no-response":
      return { kind: "unreachable", reason: "timeout", message: "TCP connect timed out (via jump host)" };
    case "admin-prohibited":
      return { kind: "protocol-error", message: `jump host refused to forward: ${message}` };
    default:
      if (/resolve|getaddrinfo|name or service/i.test(message)) {
        return { kind: "unreachable", reason: "dns", message: `host name does not resolve (via jump host): ${message}` };
      }
      // OpenSSH sends CONNECT_FAILED "open failed" when connect() fails at once: no route, mostly.
      return (err as { reason?: unknown } | undefined)?.reason === 2
        ? { kind: "unreachable", reason: "no-route", message: `jump host could not open a TCP connection to the target: ${message}` }
        : { kind: "protocol-error", message: `jump host could not connect to the target: ${message}` };
  }
}

/** Marks a failure of the jump host itself; host key verdicts become protocol errors naming it. */
export function jumpFailure(failure: SessionFailure): SessionFailure {
  switch (failure.kind) {
    case "host-key-mismatch":
      return {
        kind: "protocol-error",
        message: `jump host: host key mismatch (presented ${failure.presented}; known ${failure.known.join(", ") || "none"})`,
      };
    case "host-key-unknown":
      return failure.certAuthorityLines?.length
        ? {
            kind: "protocol-error",
            message:
              `jump host: host key ${failure.presented} is vouched for only by @cert-authority ` +
              `(known_hosts line ${failure.certAuthorityLines.join(", ")}); host certificates are not supported, add its plain key`,
          }
        : { kind: "protocol-error", message: `jump host: host key ${failure.presented} is not in known_hosts (strict policy)` };
    default:
      return { ...failure, message: `jump host: ${failure.message}` };
  }
}
