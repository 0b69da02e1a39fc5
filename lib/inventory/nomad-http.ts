import { readFileSync } from "node:fs";
import { request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";

/** A page of 100 node stubs or one node's detail is tens of KB; 8 requests at a time stay bounded. */
export const MAX_BODY_BYTES = 4 * 1024 * 1024;

export interface HttpAnswer {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: string;
}

function stopReason(signal: AbortSignal): string {
  const reason: unknown = signal.reason;
  return reason instanceof Error ? reason.message : String(reason);
}

/**
 * GET with a CA file for TLS, a bounded body and one deadline for the whole exchange (an idle
 * timeout alone lets a server that drips a byte now and then hold the run); `signal` stops it sooner.
 */
export function httpGet(
  url: URL,
  headers: Record<string, string>,
  opts: { caFile?: string; deadlineMs: number; signal?: AbortSignal },
): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    if (opts.signal?.aborted) return reject(new Error(stopReason(opts.signal)));
    const deadline = AbortSignal.timeout(opts.deadlineMs);
    const signal = opts.signal ? AbortSignal.any([deadline, opts.signal]) : deadline;
    const request = url.protocol === "https:" ? httpsRequest : httpRequest;
    const req = request(url, { method: "GET", headers, ca: opts.caFile ? readFileSync(opts.caFile) : undefined }, (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on("data", (chunk: Buffer) => {
        size += chunk.length;
        if (size > MAX_BODY_BYTES) fail(new Error(`answer larger than ${MAX_BODY_BYTES} bytes`));
        else chunks.push(chunk);
      });
      res.on("end", () => {
        settle();
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString("utf8") });
      });
      res.on("error", fail);
    });
    const onStop = () =>
      fail(new Error(deadline.aborted ? `no complete answer within ${opts.deadlineMs} ms` : stopReason(opts.signal ?? signal)));
    function settle(): void {
      signal.removeEventListener("abort", onStop);
    }
    function fail(error: Error): void {
      settle();
      req.destroy();
      reject(error);
    }
    signal.addEventListener("abort", onStop, { once: true });
    req.on("error", fail);
    req.end();
  });
}
