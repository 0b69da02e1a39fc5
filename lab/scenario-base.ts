import type { Scenario } from "./types";

/** A healthy IMDSv1 client; each scenario changes what it is about. */
export const BASE_SCENARIO = {
  imds: "v1",
  publicIp: true,
  metadataBlocked: false,
  firewall: "none",
  sshd: "running",
  rerunJobPort: null,
  hostKeyChanged: false,
  authRefused: false,
  noCurl: false,
  override: null,
} as const satisfies Partial<Scenario>;
