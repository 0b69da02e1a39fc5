import { Socket } from "node:net";
import { escapeBytes } from "../common/escape";
import { afterIo } from "../ssh/patience";
import { connectRaw, rawConnect, type RawConnectResult } from "./tcp-handle";
import type { PortProbe } from "./types";
import type { PortReason } from "../common/ports";

const BANNER_BYTES = 256;

/** Errors of this machine, not of the target: out of descriptors, buffers or local ports. */
const LOCAL_ERRORS = new Set(["EMFILE", "ENFILE", "ENOBUFS", "ENOMEM", "EADDRNOTAVAIL", "EAGAIN"]);

/** This machine could not open a socket: the port was not probed, so nothing was observed of it. */
export class LocalSocketError extends Error {
  constructor(readonly code: string) {
    super(`this machine could not open a probe socket (${code}${code === "EMFILE" ? ": too many open files; raise ulimit -n" : ""})`);
  }
}

const isLocal = (code: string | undefined): code is string => code !== undefined && LOCAL_ERRORS.has(code);

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

/** The banner's first line, escaped once here (as every remote byte is) and bounded. */
function sanitizeBanner(bytes: Buffer): string {
  const head = bytes.subarray(0, BANNER_BYTES);
  const end = head.indexOf(0x0a);
  const line = end < 0 ? head : head.subarray(0, end > 0 && head[end - 1] === 0x0d ? end - 1 : end);
  return escapeBytes(line, BANNER_BYTES);
}

/** A connect probe through net.Socket that also reads an open port's banner. */
export function socketProbe(address: string, port: number, timeoutMs: number, bannerMs: number): Promise<PortProbe> {
  return new Promise((resolve, reject) => {
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
    const fail = (error: LocalSocketError) => {
      if (settled) return;
      settled = true;
      cancelTimer();
      socket.destroy();
      reject(error);
    };
    socket.on("error", (error: NodeJS.ErrnoException) => {
      if (connectedAt) return finishOpen();
      if (isLocal(error.code)) return fail(new LocalSocketError(error.code));
      finish(reasonOf(error.code));
    });
    socket.on("close", () => connectedAt && finishOpen());
    socket.connect({ host: address, port });
  });
}

type RawConnect = (address: string, port: number, timeoutMs: number, done: (result: RawConnectResult) => void) => void;
export type ProbeDone = (answer: PortProbe | LocalSocketError) => void;

/**
 * One TCP connect probe with nmap's connect-scan states; only an open port pays for a banner read.
 * `raw` is Node's bare TCP handle when this Node has it; without it, net.Socket does all the work.
 * `done` gets the answer, or LocalSocketError when this machine could not open the socket.
 */
export function probePort(address: string, port: number, timeoutMs: number, bannerMs: number, done: ProbeDone, raw = connectRaw): void {
  if (!raw) return void socketProbe(address, port, timeoutMs, bannerMs).then(done, done);
  const started = performance.now();
  raw(address, port, timeoutMs, (result) => {
    const rttMs = Math.round((performance.now() - started) * 10) / 10;
    if (result.kind === "timeout") return done({ port, state: "filtered", reason: "no-response", rttMs });
    if (result.kind === "error")
      return done(isLocal(result.code) ? new LocalSocketError(result.code) : { port, ...reasonOf(result.code), rttMs });
    socketProbe(address, port, timeoutMs, bannerMs).then((answer) => done({ ...answer, rttMs }), done);
  });
}

/** probePort as a promise: rejects with LocalSocketError. `raw` may answer by promise, as tests fake it. */
export function connectProbe(
  address: string,
  port: number,
  timeoutMs: number,
  bannerMs: number,
  raw: ((address: string, port: number, timeoutMs: number) => Promise<RawConnectResult>) | null = rawConnect,
): Promise<PortProbe> {
  const viaPromise: RawConnect | null = raw && ((a, p, t, done) => void raw(a, p, t).then(done));
  return new Promise((resolve, reject) =>
    probePort(
      address,
      port,
      timeoutMs,
      bannerMs,
      (answer) => (answer instanceof LocalSocketError ? reject(answer) : resolve(answer)),
      viaPromise,
    ),
  );
}
