import { describe, expect, it } from "vitest";
import { diagnoseClient } from "./diagnose-client";
import { CTX, FINGERPRINT, codesOf, findingOf, makeObservation, portProbes, probed, sessionFailed, skipped } from "./test-fixtures";

const unreachable = (reason: "refused" | "reset" | "timeout" | "no-route" | "dns") =>
  sessionFailed({ kind: "unreachable", reason, message: `connect ${reason}` });

describe("diagnoseClient when no SSH session could be had", () => {
  it.each([
    [unreachable("refused"), "SSH_UNREACHABLE", /refused/],
    [unreachable("timeout"), "SSH_UNREACHABLE", /timed out/],
    [unreachable("reset"), "SSH_UNREACHABLE", /reset \(RST\)/],
    [sessionFailed({ kind: "handshake-timeout", message: "handshake timed out" }), "SSH_UNREACHABLE", /TCP was accepted but no SSH banner/],
    [sessionFailed({ kind: "protocol-error", message: "bad packet length" }), "SSH_UNREACHABLE", /protocol error/],
    [
      sessionFailed({ kind: "auth-failed", message: "All configured authentication methods failed" }),
      "SSH_AUTH_FAILED",
      /refused the key for user "ubuntu"/,
    ],
    [sessionFailed({ kind: "host-key-unknown", presented: "SHA256:newkey" }), "SSH_HOST_KEY_UNKNOWN", /SHA256:newkey.*strict/],
  ] as const)("gives only %#: %s", (collect, code, detail) => {
    const diagnosis = diagnoseClient(makeObservation({ collect, probe: skipped("the client could not be inspected") }), CTX);
    expect(codesOf(diagnosis)).toEqual([code]);
    expect(diagnosis).toMatchObject({ verdict: "unknown", advertisedIp: null, advertisedIpSource: "none" });
    expect(findingOf(diagnosis, code)).toMatchObject({ severity: "error", detail: expect.stringMatching(detail) });
  });

  it("for a host Nomad discovered, does not suggest pinning its unknown key on first use", () => {
    const collect = sessionFailed({ kind: "host-key-unknown", presented: "SHA256:newkey" });
    const finding = (source: "inventory" | "nomad") =>
      findingOf(
        diagnoseClient(makeObservation({ target: { source }, collect, probe: skipped("not inspected") }), CTX),
        "SSH_HOST_KEY_UNKNOWN",
      );
    expect(finding("inventory").remediation).toContain("accept-new");
    expect(finding("nomad").remediation).not.toContain("accept-new");
    expect(finding("nomad").detail).toMatch(/discovered from Nomad are checked strictly whatever ssh\.hostKeyPolicy says/);
  });

  it("says a host known only through @cert-authority needs its plain key, not accept-new", () => {
    const collect = sessionFailed({ kind: "host-key-unknown", presented: "SHA256:newkey", certAuthorityLines: [4, 9] });
    const finding = findingOf(diagnoseClient(makeObservation({ collect }), CTX), "SSH_HOST_KEY_UNKNOWN");
    expect(finding.detail).toMatch(/@cert-authority \(lines 4, 9\), and host certificates are not supported/);
    expect(finding.detail).toMatch(/neither trusted nor pinned/);
    expect(finding.remediation).toMatch(/add the host's plain key: `ssh-keyscan -p 22 /);
    expect(finding.remediation).not.toContain("accept-new");
  });

  it("tells refused, timed out and silent sshd apart", () => {
    const detailOf = (collect: ReturnType<typeof sessionFailed>) =>
      findingOf(diagnoseClient(makeObservation({ collect }), CTX), "SSH_UNREACHABLE").detail;
    const details = new Set([
      detailOf(unreachable("refused")),
      detailOf(unreachable("timeout")),
      detailOf(sessionFailed({ kind: "handshake-timeout", message: "x" })),
    ]);
    expect(details.size).toBe(3);
  });

  it("quotes both fingerprints on a host key mismatch and says nothing else ran", () => {
    const collect = sessionFailed({ kind: "host-key-mismatch", presented: "SHA256:presented", known: ["SHA256:known1", "SHA256:known2"] });
    const diagnosis = diagnoseClient(makeObservation({ collect, target: { port: 2222 } }), CTX);
    const finding = findingOf(diagnosis, "SSH_HOST_KEY_MISMATCH");
    expect(finding.detail).toContain("SHA256:presented");
    expect(finding.detail).toContain("SHA256:known1, SHA256:known2");
    expect(finding.detail).toMatch(/nothing else was run/);
    expect(finding.remediation).toContain("ssh-keygen -R '[198.51.100.11]:2222'");
    expect(finding.remediation).toContain("ssh-keyscan -p 2222 198.51.100.11");
    expect(diagnosis.verdict).toBe("unknown");
  });

  it("escapes control characters in an SSH error message", () => {
    const collect = sessionFailed({ kind: "protocol-error", message: "bad\u001b[31m\nbanner" });
    const finding = findingOf(diagnoseClient(makeObservation({ collect }), CTX), "SSH_UNREACHABLE");
    expect(finding.detail).toContain("bad\\x1b[31m\\nbanner");
    expect(finding.detail).not.toContain("\u001b");
  });
});

describe("diagnoseClient when collecting failed", () => {
  const collect = { kind: "collect-failed", hostKeyFingerprint: FINGERPRINT, message: "sh: not found", durationMs: 50 } as const;

  it("gives COLLECT_FAILED and an unknown verdict", () => {
    const diagnosis = diagnoseClient(makeObservation({ collect, probe: skipped("the client could not be inspected") }), CTX);
    expect(codesOf(diagnosis)).toEqual(["COLLECT_FAILED"]);
    expect(diagnosis.verdict).toBe("unknown");
    expect(findingOf(diagnosis, "COLLECT_FAILED").detail).toContain('"sh: not found"');
  });

  it("still reports probe evidence when the ports were probed", () => {
    const probe = probed(portProbes(() => "filtered"));
    const diagnosis = diagnoseClient(makeObservation({ collect, probe }), CTX);
    expect(codesOf(diagnosis)).toEqual(["COLLECT_FAILED", "RERUN_PORTS_FILTERED"]);
    expect(diagnosis.verdict).toBe("unknown");
  });
});
