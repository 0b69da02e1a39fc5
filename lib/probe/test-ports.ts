import { createServer } from "node:net";
import type { PortRange } from "../common/ports";

/** `size` loopback ports from one the kernel just handed out and took back: closed, very probably. */
export async function closedRange(size: number): Promise<PortRange> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  const from = Math.min(port, 65536 - size);
  return { from, to: from + size - 1 };
}
