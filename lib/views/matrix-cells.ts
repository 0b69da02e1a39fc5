import type { FindingCode } from "../diagnose/types";
import type { ClientReport } from "../report/schema";

export type Tone = "good" | "warn" | "bad" | "unknown" | "none";

export interface Cell {
  readonly label: string;
  readonly tone: Tone;
  /** Evidence in words, for the tooltip. */
  readonly evidence: string;
}

const has = (client: ClientReport, code: FindingCode) => client.findings.some((f) => f.code === code);
const detail = (client: ClientReport, code: FindingCode) => client.findings.find((f) => f.code === code)?.detail ?? "";

export function sshCell(client: ClientReport): Cell {
  if (has(client, "SSH_HOST_KEY_MISMATCH"))
    return { label: "host key changed", tone: "bad", evidence: detail(client, "SSH_HOST_KEY_MISMATCH") };
  if (has(client, "SSH_HOST_KEY_UNKNOWN"))
    return { label: "host key unknown", tone: "bad", evidence: detail(client, "SSH_HOST_KEY_UNKNOWN") };
  if (has(client, "SSH_AUTH_FAILED")) return { label: "key refused", tone: "bad", evidence: detail(client, "SSH_AUTH_FAILED") };
  if (has(client, "SSH_UNREACHABLE")) return { label: "unreachable", tone: "bad", evidence: detail(client, "SSH_UNREACHABLE") };
  if (has(client, "COLLECT_FAILED")) return { label: "command failed", tone: "bad", evidence: detail(client, "COLLECT_FAILED") };
  return { label: "ok", tone: "good", evidence: `host key ${client.hostKeyFingerprint ?? "?"}` };
}

export function metadataCell(client: ClientReport): Cell {
  const imds = client.facts?.imds;
  if (!imds) return { label: "—", tone: "none", evidence: "not inspected" };
  const statuses =
    `token PUT ${imds.tokenStatus ?? "no answer"}, GET without token ${imds.tokenlessStatus ?? "no answer"}, public-ipv4 ` +
    `${imds.publicIpv4.status ?? "no answer"}`;
  if (has(client, "METADATA_UNREACHABLE"))
    return {
      label: "blocked",
      tone: client.findings.find((f) => f.code === "METADATA_UNREACHABLE")?.severity === "error" ? "bad" : "warn",
      evidence: statuses,
    };
  if (imds.publicIpv4.status === 404)
    return { label: "no public IP", tone: has(client, "ADVERTISED_IP_UNDETERMINED") ? "bad" : "warn", evidence: statuses };
  const severity = client.findings.find((f) => f.code === "METADATA_TOKEN_REQUIRED")?.severity;
  if (imds.tokenlessStatus === 401) return { label: "v2 (token)", tone: severity === "error" ? "bad" : "good", evidence: statuses };
  return { label: "v1", tone: "good", evidence: statuses };
}

export function overrideCell(client: ClientReport): Cell {
  const override = client.facts?.override;
  if (!override) return { label: "—", tone: "none", evidence: "not inspected" };
  if (!override.exists) return { label: "none", tone: "none", evidence: "/etc/circleci/public-ipv4 does not exist" };
  for (const [code, label] of [
    ["OVERRIDE_EMPTY", "empty"],
    ["OVERRIDE_INVALID", "invalid"],
    ["OVERRIDE_STALE", "stale"],
    ["OVERRIDE_DUPLICATE", "duplicate"],
  ] as const) {
    if (has(client, code)) return { label, tone: "bad", evidence: detail(client, code) };
  }
  return { label: "valid", tone: "good", evidence: `${override.size ?? "?"} bytes, modified ${override.mtime ?? "?"}` };
}

export function advertisedCell(client: ClientReport): Cell {
  if (client.advertisedIp) return { label: client.advertisedIp, tone: "good", evidence: `from ${client.advertisedIpSource}` };
  if (client.verdict === "unknown") return { label: "—", tone: "none", evidence: "not inspected" };
  return {
    label: "none",
    tone: "bad",
    evidence: client.advertisedIpSource === "override" ? "the override file holds no usable IPv4" : "outer has no address",
  };
}
