export { collectClient, type CollectOptions } from "./collect-client";
export { parseCollectOutput } from "./parse";
export * from "./types";
