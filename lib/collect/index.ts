export { collectClient, type CollectOptions } from "./collect-client";
export { parseCollectOutput } from "./parse";
export { COLLECT_SCRIPT, IMDS_REQUEST_TIMEOUT_S } from "./script";
export * from "./types";
