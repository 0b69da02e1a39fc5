// The probe thread: scans sent by ScanPool (scan-pool.ts), with its own share of the probe sockets.
import { parentPort, workerData } from "node:worker_threads";
import { LocalSocketError } from "./connect";
import { FairLimiter } from "./fair-limiter";
import { scanRange } from "./scan";
import type { FromScanThread, ScanThreadData, ToScanThread } from "./scan-thread-protocol";

const port = parentPort;
if (!port) throw new Error("lib/probe/scan-thread.ts runs only as a worker thread");
const sockets = new FairLimiter((workerData as ScanThreadData).sockets);
const active = new Map<number, AbortController>();
const post = (message: FromScanThread): void => port.postMessage(message);

port.on("message", (message: ToScanThread) => {
  if (message.type === "cancel") return void active.get(message.id)?.abort(new Error("scan cancelled"));
  const { id, request } = message;
  const controller = new AbortController();
  active.set(id, controller);
  const { address, range, lane, ...timing } = request;
  scanRange(address, range, { ...timing, sockets: sockets.lane(lane), signal: controller.signal })
    .then(
      (result) => post({ type: "result", id, result }),
      (error: unknown) => {
        const localCode = error instanceof LocalSocketError ? error.code : null;
        post({ type: "failed", id, localCode, message: error instanceof Error ? error.message.slice(0, 300) : "unknown error" });
      },
    )
    .finally(() => active.delete(id));
});
