import type { Client as Ssh2Client, ClientChannel } from "ssh2";
import { sanitizeMessage } from "./errors";
import { silenceWatch } from "./patience";
import type { Arrival, ExecChannelError, ExecOptions, ExecResult } from "./types";

/** Enough to time every line of a well-behaved command; a flood stops being timed, not read. */
const MAX_ARRIVALS = 1024;

/** Keeps at most `max` bytes; `push` returns false once something had to be dropped. */
class Capture {
  private readonly chunks: Buffer[] = [];
  size = 0;
  truncated = false;

  constructor(private readonly max: number) {}

  push(chunk: Buffer): boolean {
    const room = this.max - this.size;
    if (chunk.length > room) {
      if (room > 0) this.chunks.push(chunk.subarray(0, room));
      this.size = this.max;
      this.truncated = true;
      return false;
    }
    this.chunks.push(chunk);
    this.size += chunk.length;
    return true;
  }

  buffer(): Buffer {
    return Buffer.concat(this.chunks, this.size);
  }
}

export interface ChannelHost {
  readonly client: Ssh2Client;
  /** Null when the session can no longer open channels. */
  closedReason(): string | null;
  /** Calls `handler` when the connection closes; returns the unsubscribe. */
  watchClose(handler: () => void): () => void;
}

/** Runs one command; the result is settled by exit, timeout, truncation or a lost connection. */
export function runExec(host: ChannelHost, command: string, opts: ExecOptions): Promise<ExecResult & ExecChannelError> {
  const started = performance.now();
  const stdout = new Capture(opts.maxBytes);
  const stderr = new Capture(opts.maxBytes);
  const arrivals: Arrival[] = [];
  let code: number | null = null;
  let signal: string | null = null;
  let timedOut: ExecResult["timedOut"] = false;
  let channelError: string | undefined;
  let stream: ClientChannel | undefined;

  return new Promise((resolve) => {
    let settled = false;
    const settle = (): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      silence?.stop();
      unwatch();
      stream?.close(); // bounded output and timeouts stop the remote command's channel here
      resolve({
        code,
        signal,
        stdout: stdout.buffer(),
        stderr: stderr.buffer(),
        truncated: stdout.truncated || stderr.truncated,
        timedOut,
        arrivals,
        durationMs: Math.round(performance.now() - started),
        ...(channelError === undefined ? {} : { channelError }),
      });
    };
    const timer = setTimeout(() => {
      timedOut = "total";
      settle();
    }, opts.timeoutMs);
    const silence =
      opts.idleTimeoutMs === undefined
        ? undefined
        : silenceWatch(opts.idleTimeoutMs, () => {
            timedOut = "idle";
            settle();
          });
    const unwatch = host.watchClose(() => {
      channelError ??= "SSH connection closed before the command finished";
      settle();
    });
    const closed = host.closedReason();
    if (closed !== null) {
      channelError = closed;
      return settle();
    }
    const take = (capture: Capture) => (chunk: Buffer) => {
      if (settled) return;
      silence?.heard();
      if (capture === stdout && arrivals.length < MAX_ARRIVALS)
        arrivals.push({ offset: stdout.size, ms: Math.round(performance.now() - started) });
      if (!capture.push(chunk)) settle();
    };
    try {
      host.client.exec(command, (err, channel) => {
        if (err) {
          channelError = sanitizeMessage(err);
          return settle();
        }
        channel.on("error", () => undefined);
        if (settled) return void channel.close();
        stream = channel;
        channel.on("data", take(stdout));
        channel.stderr.on("data", take(stderr));
        channel.on("exit", (exitCode: number | null, exitSignal?: string) => {
          code = typeof exitCode === "number" ? exitCode : null;
          signal = typeof exitSignal === "string" ? exitSignal : null;
        });
        channel.on("close", settle);
        channel.end(opts.stdin);
      });
    } catch (err) {
      channelError = sanitizeMessage(err);
      settle();
    }
  });
}
