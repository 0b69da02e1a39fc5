import type { PortRange } from "../common/ports";
import type { ProbeResult } from "./types";

/** One scan as the probe thread takes it: plain data, as it crosses threads. */
export interface ScanRequest {
  readonly address: string;
  readonly range: PortRange;
  readonly timeoutMs: number;
  readonly rttHintMs: number | null;
  readonly fleetRttHintMs: number | null;
  /** Its fair-share key: one per client (or VM) of one run. */
  readonly lane: string;
}

export type ToScanThread =
  { readonly type: "scan"; readonly id: number; readonly request: ScanRequest } | { readonly type: "cancel"; readonly id: number };

/** `localCode` is LocalSocketError's code: this machine could not open sockets. */
export type FromScanThread =
  | { readonly type: "result"; readonly id: number; readonly result: ProbeResult }
  | { readonly type: "failed"; readonly id: number; readonly localCode: string | null; readonly message: string };

export interface ScanThreadData {
  /** The probe thread's share of the process's probe sockets. */
  readonly sockets: number;
}
