import { Server, type IncomingMessage } from "node:http";
import { SOURCE_HEADER, sourceAddress, STAMPED, trustedProxies } from "./source-address";

type Holder = { [STAMPED]?: true };

/**
 * Next hands proxy.ts and route handlers no socket address, and fills X-Forwarded-For only when the
 * client did not send one. So every request is stamped here, before Next sees it, with the
 * address the rate limits count against.
 */
export function stampRequestSources(): void {
  const holder = globalThis as Holder;
  if (holder[STAMPED]) return;
  const trusted = trustedProxies();
  const emit = Server.prototype.emit;
  Server.prototype.emit = function (this: Server, event: string | symbol, ...args: unknown[]): boolean {
    if (event === "request") {
      const request = args[0] as IncomingMessage;
      const forwarded = request.headers["x-forwarded-for"];
      const source = sourceAddress(request.socket.remoteAddress, Array.isArray(forwarded) ? forwarded.join(",") : forwarded, trusted);
      request.headers[SOURCE_HEADER] = source;
    }
    return emit.apply(this, [event, ...args] as Parameters<typeof emit>);
  } as typeof emit;
  holder[STAMPED] = true;
}
