import type { PortRange, SshSettings, Target } from "../inventory/types";
import { openSession } from "../ssh";
import { CollectParseError, parseCollectOutput } from "./parse";
import { COLLECT_SCRIPT } from "./script";
import type { CollectOutcome } from "./types";

/** Output beyond this is a misbehaving host, not facts: the read stops and the run goes on. */
const MAX_OUTPUT_BYTES = 512 * 1024;

export interface CollectOptions {
  readonly ports: readonly PortRange[];
  readonly signal?: AbortSignal;
}

/** One SSH session, one command, one round trip: everything `outer` reads on this client. */
export async function collectClient(target: Target, ssh: SshSettings, options: CollectOptions): Promise<CollectOutcome> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const opened = await openSession(target, ssh, { signal: options.signal });
  if (!opened.ok) return { kind: "session-failed", failure: opened.failure, durationMs: elapsed() };
  const { session, hostKeyFingerprint } = opened;
  try {
    const result = await session.exec("sh -s", { stdin: COLLECT_SCRIPT, timeoutMs: ssh.commandTimeoutMs, maxBytes: MAX_OUTPUT_BYTES });
    if (result.timedOut) {
      return { kind: "collect-failed", hostKeyFingerprint, message: `the collect command did not finish within ${ssh.commandTimeoutMs} ms`, durationMs: elapsed() };
    }
    const inRange = (port: number) => options.ports.some((r) => port >= r.from && port <= r.to);
    const facts = parseCollectOutput(result.stdout, inRange);
    const warnings = result.truncated ? [...facts.warnings, `the client printed more than ${MAX_OUTPUT_BYTES} bytes; the rest was not read`] : facts.warnings;
    return { kind: "collected", hostKeyFingerprint, facts: { ...facts, warnings }, durationMs: elapsed() };
  } catch (error) {
    if (!(error instanceof CollectParseError)) throw error;
    return { kind: "collect-failed", hostKeyFingerprint, message: error.message, durationMs: elapsed() };
  } finally {
    session.end();
  }
}
