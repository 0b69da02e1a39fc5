export * from "./types";
export { parseOverride, readOverride, isIpv4, type OverrideParse } from "./override";
export { escapeBytes, escapeText, PREVIEW_MAX_CHARS } from "./escape";
export {
  analyzeAddress,
  deriveAdvertisedIp,
  isServerVersionBelow,
  metadataPublicIp,
  IMDSV2_MIN_SERVER_VERSION,
  type AddressAnalysis,
  type AdvertisedIp,
} from "./advertised-ip";
export { toRuns, formatRanges, formatRange, countPorts, type PortStateRun } from "./port-runs";
export { diagnoseClient } from "./diagnose-client";
export { diagnoseFleet } from "./diagnose-fleet";
export { verdictOf } from "./verdict";
