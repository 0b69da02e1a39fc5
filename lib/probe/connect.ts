import { Socket } from "node:net";
import { afterIo } from "../ssh/patience";
import { rawConnect } from "./tcp-handle";
import type { PortProbe } from "./types";
import type { PortReason } from "../common/ports";

const BANNER_BYTES = 256;

export function reasonOf(code: string | undefined): { state: "closed" | "filtered"; reason: PortReason } {
  switch (code) {
    case "ECONNREFUSED":
      return { state: "closed", reason: "conn-refused" };
    case "EHOSTUNREACH":
      return { state: "filtered", reason: "host-unreach" };
    case "ENETUNREACH":
      return { state: "filtered", reason: "net-unreach" };
    case "EACCES":
    case "EPERM":
      return { state: "filtered", reason: "admin-prohibited" };
    default:
      return { state: "filtered", reason: "no-response" };
  }
}

/** Prints remote banner bytes safely: printable ASCII kept, the rest as \xNN. */
function sanitizeBanner(bytes: Buffer): string {
  const firstLine = bytes.subarray(0, BANNER_BYTES);
  let text = "";
  for (const byte of firstLine) {
    if (byte === 0x0a) break;
    text += byte >= 0x20 && byte < 0x7f ? String.fromCharCode(byte) : byte === 0x0d ? "" : `\\x${byte.toString(16).padStart(2, "0")}`;
  }
  return text;
}

/** A connect probe through net.Socket that also reads an open port's banner. */
export function socketProbe(address: string, port: number, timeoutMs: number, bannerMs: number): Promise<PortProbe> {
  return new Promise((resolve) => {
    const started = performance.now();
    const socket = new Socket();
    const chunks: Buffer[] = [];
    let received = 0;
    let connectedAt = 0;
    let settled = false;
    const finish = (result: Omit<PortProbe, "rttMs" | "port">) => {
      if (settled) return;
      settled = true;
      cancelTimer();
      socket.destroy();
      const rttMs = Math.round(((connectedAt || performance.now()) - started) * 10) / 10;
      resolve({ port, ...result, rttMs });
    };
    const finishOpen = () => finish({ state: "open", reason: "syn-ack", banner: sanitizeBanner(Buffer.concat(chunks)) || undefined });
    let cancelTimer = afterIo(timeoutMs, () => finish({ state: "filtered", reason: "no-response" }));
    socket.once("connect", () => {
      connectedAt = performance.now();
      cancelTimer();
      cancelTimer = afterIo(bannerMs, finishOpen);
    });
    socket.on("data", (chunk: Buffer) => {
      chunks.push(chunk);
      received += chunk.length;
      if (received >= BANNER_BYTES || chunk.includes(0x0a)) finishOpen();
    });
    socket.on("error", (error: NodeJS.ErrnoException) => (connectedAt ? finishOpen() : finish(reasonOf(error.code))));
    socket.on("close", () => connectedAt && finishOpen());
    socket.connect({ host: address, port });
  });
}

/** One TCP connect probe with nmap's connect-scan states; only an open port pays for a banner read. */
export async function connectProbe(address: string, port: number, timeoutMs: number, bannerMs: number): Promise<PortProbe> {
  if (!rawConnect) return socketProbe(address, port, timeoutMs, bannerMs);
  const started = performance.now();
  const result = await rawConnect(address, port, timeoutMs);
  const rttMs = Math.round((performance.now() - started) * 10) / 10;
  if (result.kind === "timeout") return { port, state: "filtered", reason: "no-response", rttMs };
  if (result.kind === "error") return { port, ...reasonOf(result.code), rttMs };
  return { ...(await socketProbe(address, port, timeoutMs, bannerMs)), rttMs };
}
