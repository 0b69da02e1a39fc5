import { sanitizeMessage } from "./errors";
import type { ChannelHost } from "./exec";
import { afterIo } from "./patience";
import type { ForwardResult } from "./types";

/** Reads a direct-tcpip open failure as the far end's TCP answer (OpenSSH sends strerror text). */
export function forwardFailureState(err: unknown, rttMs: number): ForwardResult {
  const message = sanitizeMessage(err);
  const reason = (err as { reason?: unknown } | undefined)?.reason;
  if (reason === 1 || /prohibited/i.test(message)) return { state: "filtered", reason: "admin-prohibited", rttMs };
  if (/refused/i.test(message)) return { state: "closed", reason: "conn-refused", rttMs };
  if (/no route to host|host is unreachable/i.test(message)) return { state: "filtered", reason: "host-unreach", rttMs };
  if (/network is unreachable/i.test(message)) return { state: "filtered", reason: "net-unreach", rttMs };
  if (/timed out/i.test(message)) return { state: "filtered", reason: "no-response", rttMs };
  return { state: "filtered", reason: "connect-failed", rttMs };
}

/** Opens a direct-tcpip channel to host:port and closes it at once; no answer in time is "filtered". */
export function probeForward(host: ChannelHost, toHost: string, toPort: number, timeoutMs: number): Promise<ForwardResult> {
  const started = performance.now();
  const rtt = (): number => Math.round((performance.now() - started) * 10) / 10;
  return new Promise((resolve, reject) => {
    let settled = false;
    const settle = (action: () => void): void => {
      if (settled) return;
      settled = true;
      cancelTimer();
      unwatch();
      action();
    };
    const cancelTimer = afterIo(timeoutMs, () => settle(() => resolve({ state: "filtered", reason: "no-response", rttMs: timeoutMs })));
    const unwatch = host.watchClose(() => settle(() => reject(new Error("SSH connection closed"))));
    const closed = host.closedReason();
    if (closed !== null) return settle(() => reject(new Error(closed)));
    try {
      host.client.forwardOut("127.0.0.1", 0, toHost, toPort, (err, channel) => {
        if (!err) {
          channel.on("error", () => undefined);
          channel.close(); // also when it opened after the timeout: nothing may stay open
        }
        const ms = rtt();
        settle(() => resolve(err ? forwardFailureState(err, ms) : { state: "open", reason: "syn-ack", rttMs: ms }));
      });
    } catch (err) {
      settle(() => reject(err instanceof Error ? err : new Error(String(err))));
    }
  });
}
