import type { CollectOutcome } from "../collect/types";
import type { Target } from "../inventory/types";
import type { SessionFailure } from "../ssh/types";
import { finding } from "./catalog";
import type { Finding } from "./types";

/** The one finding for a client with no usable SSH session. */
export function sessionFinding(target: Target, failure: SessionFailure): Finding {
  switch (failure.kind) {
    case "unreachable":
    case "handshake-timeout":
    case "protocol-error":
      return finding("SSH_UNREACHABLE", "error", { target, failure });
    case "auth-failed":
      return finding("SSH_AUTH_FAILED", "error", { target, message: failure.message });
    case "host-key-mismatch":
      return finding("SSH_HOST_KEY_MISMATCH", "error", { target, presented: failure.presented, known: failure.known });
    case "host-key-unknown":
      return finding("SSH_HOST_KEY_UNKNOWN", "error", {
        target,
        presented: failure.presented,
        certAuthorityLines: failure.certAuthorityLines,
      });
  }
}

/**
 * A client that answered, but slowly: a step used half its silence budget, or a retry was
 * needed. Info only: slow is not broken, and the run waited for it.
 */
export function slowFinding(target: Target, collect: CollectOutcome): Finding[] {
  const timings = collect.kind === "collected" ? collect.timings : undefined;
  if (!timings || timings.steps.length === 0) return [];
  const slowest = timings.steps.reduce((a, b) => (b.ms > a.ms ? b : a));
  const nearBudget = timings.idleBudgetMs !== null && slowest.ms >= timings.idleBudgetMs / 2;
  if (timings.attempts === 1 && !nearBudget) return [];
  return [finding("COLLECT_SLOW", "info", { target, timings, slowest })];
}
