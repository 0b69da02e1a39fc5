export * from "./types";
export { parseOverride, readOverride, type OverrideParse } from "./override";
export { escapeBytes, escapeText, PREVIEW_MAX_CHARS } from "../common/escape";
export {
  analyzeAddress,
  deriveAdvertisedIp,
  isServerVersionBelow,
  metadataPublicIp,
  IMDSV2_MIN_SERVER_VERSION,
  type AddressAnalysis,
  type AdvertisedIp,
} from "./advertised-ip";
export { diagnoseClient } from "./diagnose-client";
export { diagnoseFleet } from "./diagnose-fleet";
export { verdictOf } from "./verdict";
