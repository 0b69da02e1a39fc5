import { constants as osConstants } from "node:os";
import { afterIo } from "../ssh/patience";

/** Node's own TCP handle, minus the stream machinery of net.Socket: a connect probe needs none of it. */
interface TcpHandle {
  connect(req: ConnectRequest, address: string, port: number): number;
  close(): void;
}
interface ConnectRequest {
  oncomplete: (status: number) => void;
  address: string;
  port: number;
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

/** null when this Node has no tcp_wrap binding; callers then fall back to net.Socket. */
export const rawConnect = binding
  ? (address: string, port: number, timeoutMs: number): Promise<RawConnectResult> =>
      new Promise((resolve) => {
        const handle = new binding.TCP(binding.constants.SOCKET);
        const req = new binding.TCPConnectWrap();
        let settled = false;
        const finish = (result: RawConnectResult) => {
          if (settled) return;
          settled = true;
          cancelTimer();
          handle.close();
          resolve(result);
        };
        const cancelTimer = afterIo(timeoutMs, () => finish({ kind: "timeout" }));
        req.oncomplete = (status) =>
          finish(status === 0 ? { kind: "connected" } : { kind: "error", code: ERRNO_NAMES.get(-status) ?? `E${-status}` });
        req.address = address;
        req.port = port;
        const status = handle.connect(req, address, port);
        if (status !== 0) finish({ kind: "error", code: ERRNO_NAMES.get(-status) ?? `E${-status}` });
      })
  : null;
