import { constants as osConstants } from "node:os";

/** Node's own TCP handle, minus the stream machinery of net.Socket: a connect probe needs none of it. */
interface TcpHandle {
  connect(req: ConnectRequest, address: string, port: number): number;
  close(): void;
}
interface ConnectRequest {
  oncomplete: (this: ConnectRequest, status: number) => void;
  address: string;
  port: number;
  attempt: Attempt;
}
interface TcpWrapBinding {
  TCP: new (type: number) => TcpHandle;
  TCPConnectWrap: new () => ConnectRequest;
  constants: { SOCKET: number };
}

function loadBinding(): TcpWrapBinding | null {
  try {
    const binding = (process as unknown as { binding(name: string): unknown }).binding("tcp_wrap") as TcpWrapBinding;
    return typeof binding.TCP === "function" && typeof binding.TCPConnectWrap === "function" ? binding : null;
  } catch {
    return null;
  }
}

const binding = loadBinding();
const ERRNO_NAMES = new Map(Object.entries(osConstants.errno).map(([name, code]) => [code, name]));

export type RawConnectResult =
  { readonly kind: "connected" } | { readonly kind: "error"; readonly code: string } | { readonly kind: "timeout" };
export type RawConnectDone = (result: RawConnectResult) => void;

const CONNECTED: RawConnectResult = { kind: "connected" };
const TIMEOUT: RawConnectResult = { kind: "timeout" };
const failed = (status: number): RawConnectResult => ({ kind: "error", code: ERRNO_NAMES.get(-status) ?? `E${-status}` });

interface Attempt {
  readonly handle: TcpHandle;
  timer: NodeJS.Timeout | null;
  done: RawConnectDone | null;
}

function settle(attempt: Attempt, result: RawConnectResult): void {
  const done = attempt.done;
  if (!done) return;
  attempt.done = null;
  if (attempt.timer) clearTimeout(attempt.timer);
  attempt.handle.close();
  done(result);
}

function onComplete(this: ConnectRequest, status: number): void {
  settle(this.attempt, status === 0 ? CONNECTED : failed(status));
}

// Expired probes conclude after the poll phase, all in one immediate (afterIo's rule, batched):
// an answer already in the kernel wins over our own event-loop lag.
let expired: Attempt[] = [];
function concludeExpired(): void {
  const batch = expired;
  expired = [];
  for (const attempt of batch) settle(attempt, TIMEOUT);
}
function onTimer(attempt: Attempt): void {
  attempt.timer = null;
  if (expired.push(attempt) === 1) setImmediate(concludeExpired);
}

/**
 * One connect through a bare TCP handle; `done` gets exactly one result. No promise, and shared
 * callbacks: a fleet's scan makes 100,000 of these, and per-probe promise chains were its main cost.
 * null when this Node has no tcp_wrap binding; callers then fall back to net.Socket.
 */
export const connectRaw = binding
  ? (address: string, port: number, timeoutMs: number, done: RawConnectDone): void => {
      const attempt: Attempt = { handle: new binding.TCP(binding.constants.SOCKET), timer: null, done };
      const req = new binding.TCPConnectWrap();
      req.oncomplete = onComplete;
      req.attempt = attempt;
      req.address = address;
      req.port = port;
      const status = attempt.handle.connect(req, address, port);
      if (status !== 0) return settle(attempt, failed(status));
      attempt.timer = setTimeout(onTimer, timeoutMs, attempt);
    }
  : null;

/** connectRaw as a promise, for callers that probe one port at a time. */
export const rawConnect = connectRaw
  ? (address: string, port: number, timeoutMs: number): Promise<RawConnectResult> =>
      new Promise((resolve) => connectRaw(address, port, timeoutMs, resolve))
  : null;
