export { scanRange, type ScanOptions } from "./scan";
export { Limiter, within, type TaskLimiter } from "./limiter";
export { connectProbe } from "./connect";
export { probePolicy } from "./policy";
export * from "./types";
