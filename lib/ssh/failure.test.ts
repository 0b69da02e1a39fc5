import { describe, expect, it } from "vitest";
import { channelOpenFailure, handshakeFailure, jumpFailure, tcpFailure } from "./failure";
import { forwardFailureState } from "./forward";
import { sanitizeMessage } from "./errors";
import { preferredHostKeyAlgorithms } from "./fingerprint";

const errno = (code: string): NodeJS.ErrnoException => Object.assign(new Error(code), { code });
const openFailure = (reason: number, description: string) =>
  Object.assign(new Error(`(SSH) Channel open failure: ${description}`), { reason });

describe("failure mapping", () => {
  it("maps socket errors to unreachable reasons", () => {
    expect(tcpFailure(errno("ECONNREFUSED"))).toMatchObject({ kind: "unreachable", reason: "refused" });
    expect(tcpFailure(errno("ETIMEDOUT"))).toMatchObject({ kind: "unreachable", reason: "timeout" });
    expect(tcpFailure(errno("EHOSTUNREACH"))).toMatchObject({ kind: "unreachable", reason: "no-route" });
    expect(tcpFailure(errno("ENETUNREACH"))).toMatchObject({ kind: "unreachable", reason: "no-route" });
    expect(tcpFailure(errno("ENOTFOUND"))).toMatchObject({ kind: "unreachable", reason: "dns" });
    expect(tcpFailure(errno("ECONNRESET"))).toMatchObject({
      kind: "unreachable",
      reason: "reset",
      message: expect.stringMatching(/reset \(RST\)/),
    });
    expect(tcpFailure(errno("EPERM"))).toMatchObject({ kind: "protocol-error" });
  });

  it("maps ssh2 errors by level and message", () => {
    const auth = Object.assign(new Error("All configured authentication methods failed"), { level: "client-authentication" });
    expect(handshakeFailure(auth, 500).kind).toBe("auth-failed");
    expect(handshakeFailure(new Error("Too many authentication failures"), 500).kind).toBe("auth-failed");
    expect(handshakeFailure(new Error("Timed out while waiting for handshake"), 500).kind).toBe("handshake-timeout");
    expect(handshakeFailure(new Error("read ECONNRESET"), 500)).toEqual({ kind: "protocol-error", message: "read ECONNRESET" });
  });

  it("reads OpenSSH direct-tcpip failures as port states", () => {
    expect(forwardFailureState(openFailure(2, "Connection refused"), 1)).toEqual({ state: "closed", reason: "conn-refused", rttMs: 1 });
    expect(forwardFailureState(openFailure(2, "No route to host"), 1).reason).toBe("host-unreach");
    expect(forwardFailureState(openFailure(2, "Network is unreachable"), 1).reason).toBe("net-unreach");
    expect(forwardFailureState(openFailure(2, "Connection timed out"), 1)).toMatchObject({ state: "filtered", reason: "no-response" });
    expect(forwardFailureState(openFailure(1, "open failed"), 1)).toMatchObject({ state: "filtered", reason: "admin-prohibited" });
    expect(forwardFailureState(openFailure(2, ""), 1)).toMatchObject({ state: "filtered", reason: "connect-failed" });
  });

  it("names the jump host in its failures", () => {
    expect(channelOpenFailure(openFailure(1, "administratively prohibited")).kind).toBe("protocol-error");
    expect(channelOpenFailure(openFailure(2, "No route to host"))).toMatchObject({ kind: "unreachable", reason: "no-route" });
    // OpenSSH 9's text when connect() fails synchronously (seen against the lab's sshd).
    expect(channelOpenFailure(openFailure(2, "open failed"))).toMatchObject({ kind: "unreachable", reason: "no-route" });
    expect(channelOpenFailure(openFailure(4, "resource shortage")).kind).toBe("protocol-error");
    expect(jumpFailure({ kind: "host-key-mismatch", presented: "SHA256:x", known: ["SHA256:y"] })).toEqual({
      kind: "protocol-error",
      message: "jump host: host key mismatch (presented SHA256:x; known SHA256:y)",
    });
    expect(jumpFailure({ kind: "auth-failed", message: "refused" })).toEqual({ kind: "auth-failed", message: "jump host: refused" });
    expect(jumpFailure({ kind: "host-key-unknown", presented: "SHA256:x", certAuthorityLines: [3] })).toMatchObject({
      kind: "protocol-error",
      message: expect.stringMatching(/@cert-authority \(known_hosts line 3\); host certificates are not supported/),
    });
  });

  it("bounds and cleans messages", () => {
    expect(sanitizeMessage(new Error("a\u001b[31mb\nc"))).toBe("a [31mb c");
    expect(sanitizeMessage("x".repeat(1000)).length).toBeLessThanOrEqual(301);
  });

  it("prefers the host key types already known", () => {
    expect(preferredHostKeyAlgorithms(["ssh-rsa"]).slice(0, 3)).toEqual(["rsa-sha2-512", "rsa-sha2-256", "ssh-rsa"]);
    expect(preferredHostKeyAlgorithms([])[0]).toBe("ssh-ed25519");
    expect(new Set(preferredHostKeyAlgorithms(["ecdsa-sha2-nistp256"])).size).toBe(7);
  });
});
