import type { PortRange, SshSettings, Target } from "../inventory/types";
import { openSession } from "../ssh";
import { CollectParseError, parseCollectOutput } from "./parse";
import { COLLECT_SCRIPT } from "./script";
import type { CollectOutcome } from "./types";

/** Output beyond this is a misbehaving host, not facts: the read stops and the run goes on. */
export const MAX_OUTPUT_BYTES = 512 * 1024;

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
    const failed = (message: string): CollectOutcome => ({ kind: "collect-failed", hostKeyFingerprint, message, durationMs: elapsed() });
    if (result.timedOut) return failed(`the collect command did not finish within ${ssh.commandTimeoutMs} ms (${result.stdout.length} bytes read)`);
    // The script prints far less than the bound: more is a host that floods, and facts from it are not trusted.
    if (result.truncated) return failed(`the client printed more than ${MAX_OUTPUT_BYTES / 1024} KB (${MAX_OUTPUT_BYTES} bytes); the read stopped there and the session was closed`);
    if (result.channelError !== undefined) {
      return failed(`the connection dropped before the collect command finished (${result.stdout.length} bytes read): ${result.channelError}`);
    }
    const inRange = (port: number) => options.ports.some((r) => port >= r.from && port <= r.to);
    const facts = parseCollectOutput(result.stdout, inRange);
    return { kind: "collected", hostKeyFingerprint, facts, durationMs: elapsed() };
  } catch (error) {
    if (!(error instanceof CollectParseError)) throw error;
    return { kind: "collect-failed", hostKeyFingerprint, message: error.message, durationMs: elapsed() };
  } finally {
    session.end();
  }
}
