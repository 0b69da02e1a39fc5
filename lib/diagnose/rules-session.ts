import type { Target } from "../inventory/types";
import type { SessionFailure } from "../ssh/types";
import {
  hostKeyMismatchText,
  hostKeyUnknownText,
  sshAuthFailedText,
  sshUnreachableText,
} from "./texts-session";
import type { Finding } from "./types";
import { makeFinding } from "./verdict";

/** The one finding for a client with no usable SSH session. */
export function sessionFinding(target: Target, failure: SessionFailure): Finding {
  switch (failure.kind) {
    case "unreachable":
    case "handshake-timeout":
    case "protocol-error":
      return makeFinding("SSH_UNREACHABLE", "error", sshUnreachableText(target, failure));
    case "auth-failed":
      return makeFinding("SSH_AUTH_FAILED", "error", sshAuthFailedText(target, failure.message));
    case "host-key-mismatch":
      return makeFinding("SSH_HOST_KEY_MISMATCH", "error", hostKeyMismatchText(target, failure.presented, failure.known));
    case "host-key-unknown":
      return makeFinding("SSH_HOST_KEY_UNKNOWN", "error", hostKeyUnknownText(target, failure.presented));
  }
}
