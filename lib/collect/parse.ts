import { isIpv4 } from "../common/ipv4";
import { readBlobs } from "./blobs";
import type { AzureFacts, ClientFacts, CloudFacts, ContainerRuntime, GcpFacts, ImdsItem, OverrideFacts } from "./types";

const MAX_OVERRIDE_BYTES = 65536;
const MAX_ITEM_BYTES = 4096;
const IPV4_CIDR = /^(\d{1,3}(?:\.\d{1,3}){3})\/\d{1,2}$/;
const BEGIN = Buffer.from("rd-begin 2\n");
const BLOBS = "rd-blobs ";

export class CollectParseError extends Error {}

interface Sections {
  readonly fields: Map<string, string[]>;
  readonly lines: string[];
  readonly blobs: Map<string, Buffer>;
  /** Each `rd-step NAME` line and the byte offset where it starts in stdout. */
  readonly steps: StepMark[];
  readonly complete: boolean;
}

export interface StepMark {
  readonly name: string;
  readonly offset: number;
}

const STEP = /^rd-step ([a-z-]{1,32})$/;
const MAX_STEPS = 32;

/** Text lines first, then `rd-blobs name:size ...` and the raw bytes of each blob, back to back. */
function split(stdout: Buffer): Sections {
  const start = stdout.indexOf(BEGIN);
  if (start < 0) throw new CollectParseError("the client's shell printed no collect output (is /bin/sh there?)");
  const fields = new Map<string, string[]>();
  const lines: string[] = [];
  const steps: StepMark[] = [{ name: "start", offset: start }];
  let offset = start + BEGIN.length;
  while (offset < stdout.length) {
    const end = stdout.indexOf(0x0a, offset);
    const line = stdout.subarray(offset, end < 0 ? stdout.length : end).toString("latin1");
    const step = STEP.exec(line);
    if (step && steps.length < MAX_STEPS) steps.push({ name: step[1]!, offset });
    offset = end < 0 ? stdout.length : end + 1;
    if (line.startsWith(BLOBS)) {
      const { blobs, complete } = readBlobs(stdout, line.slice(BLOBS.length), offset, "rd-end 2");
      return { fields, lines, blobs, steps, complete };
    }
    const [key = "", ...rest] = line.trim().split(" ");
    if (key === "iface" || key === "listen") lines.push(line.trim());
    else if (key && !fields.has(key)) fields.set(key, rest);
  }
  return { fields, lines, blobs: new Map(), steps, complete: false };
}

function status(text: string | undefined): number | null {
  const code = Number(text);
  return Number.isInteger(code) && code >= 100 && code <= 599 ? code : null;
}

function item(s: Sections, key: string): ImdsItem {
  const code = status(s.fields.get(`imds.${key}`)?.[0]);
  const body = s.blobs.get(key)?.subarray(0, MAX_ITEM_BYTES).toString("utf8").trim() ?? "";
  return { status: code, value: code === 200 ? body.slice(0, 256) : null };
}

function override(s: Sections, warnings: string[]): OverrideFacts {
  const exists = s.fields.get("override.exists")?.[0];
  if (exists === "special") warnings.push("/etc/circleci/public-ipv4 exists but is not a regular file");
  if (exists !== "1") return { exists: exists === "special", size: null, mtime: null, contentBase64: "", truncated: false };
  const [sizeText = "", mtimeText = ""] = s.fields.get("override.stat") ?? [];
  const bytes = (s.blobs.get("override") ?? Buffer.alloc(0)).subarray(0, MAX_OVERRIDE_BYTES);
  const size = /^\d+$/.test(sizeText) ? Number(sizeText) : null;
  const mtime = /^\d+$/.test(mtimeText) ? new Date(Number(mtimeText) * 1000).toISOString() : null;
  return { exists: true, size, mtime, contentBase64: bytes.toString("base64"), truncated: size !== null && size > bytes.length };
}

/** A blob that must be one IPv4 address (GCP and Azure answers); anything else counts as none. */
function ipBlob(s: Sections, key: string, code: number | null): string | null {
  const text = code === 200 ? (s.blobs.get(key)?.subarray(0, 64).toString("latin1").trim() ?? "") : "";
  return isIpv4(text) ? text : null;
}

function gcp(s: Sections): GcpFacts | null {
  const externalIpStatus = status(s.fields.get("gcp.external-ip")?.[0]);
  const internalIpStatus = status(s.fields.get("gcp.ip")?.[0]);
  if (externalIpStatus === null && internalIpStatus === null) return null;
  return {
    flavor: s.fields.get("gcp.flavor")?.[0] === "google",
    externalIpStatus,
    externalIp: ipBlob(s, "gcp-external-ip", externalIpStatus),
    internalIpStatus,
    internalIp: ipBlob(s, "gcp-ip", internalIpStatus),
  };
}

/** Interface 0's first IPv4 in Azure's network JSON; untrusted, so only IPv4 strings survive. */
function azure(s: Sections): AzureFacts | null {
  const code = status(s.fields.get("azure.network")?.[0]);
  if (code === null) return null;
  let first: unknown = null;
  try {
    const json: unknown = code === 200 ? JSON.parse(s.blobs.get("azure-network")?.subarray(0, 16384).toString("utf8") ?? "") : null;
    first = (json as { interface?: { ipv4?: { ipAddress?: unknown[] } }[] } | null)?.interface?.[0]?.ipv4?.ipAddress?.[0] ?? null;
  } catch {
    first = null;
  }
  const pick = (key: string): string | null => {
    const value = first && typeof first === "object" ? (first as Record<string, unknown>)[key] : null;
    return typeof value === "string" && isIpv4(value) ? value : null;
  };
  return { status: code, publicIp: pick("publicIpAddress"), privateIp: pick("privateIpAddress") };
}

function cloud(s: Sections): CloudFacts {
  const answered = ["imds.token", "imds.tokenless"].some((key) => status(s.fields.get(key)?.[0]) !== null);
  const exits = ["imds.token.exit", "imds.tokenless.exit"].map((key) => s.fields.get(key)?.[0]);
  const asked = s.fields.has("imds.token") || s.fields.has("imds.tokenless");
  const noAnswer = answered || !asked ? null : exits.includes("7") ? "refused" : "timeout";
  return { noAnswer, gcp: gcp(s), azure: azure(s) };
}

function bootTime(s: Sections): string | null {
  const text = s.fields.get("boot.btime")?.[0] ?? "";
  return /^\d{1,12}$/.test(text) ? new Date(Number(text) * 1000).toISOString() : null;
}

/** The `rd-step` marks of an output, for timing; empty when it is not collect output. */
export function stepMarks(stdout: Buffer): StepMark[] {
  try {
    return split(stdout).steps;
  } catch {
    return [];
  }
}

/** Parses the collect script's output; throws CollectParseError when it is not that output. */
export function parseCollectOutput(stdout: Buffer, rerunPortFilter: (port: number) => boolean): ClientFacts {
  const s = split(stdout);
  const warnings: string[] = [];
  if (!s.complete) warnings.push("the collect output ended early; some facts may be missing");
  const interfaces = new Set<string>();
  const listening = new Set<number>();
  for (const line of s.lines) {
    const [key, value = ""] = line.split(" ");
    const ip = key === "iface" ? IPV4_CIDR.exec(value)?.[1] : undefined;
    if (ip && interfaces.size < 256) interfaces.add(ip);
    const port = key === "listen" && /^[0-9A-Fa-f]{1,4}$/.test(value) ? Number.parseInt(value, 16) : 0;
    if (port > 0 && rerunPortFilter(port)) listening.add(port);
  }
  const tool = s.fields.get("tool")?.[0];
  const runtime = s.fields.get("runtime")?.[0];
  return {
    hostname: (s.blobs.get("hostname") ?? Buffer.alloc(0)).subarray(0, 256).toString("utf8").trim(),
    override: override(s, warnings),
    imds: {
      tokenStatus: status(s.fields.get("imds.token")?.[0]),
      tokenlessStatus: status(s.fields.get("imds.tokenless")?.[0]),
      publicIpv4: item(s, "public-ipv4"),
      localIpv4: item(s, "local-ipv4"),
      instanceId: item(s, "instance-id"),
      availabilityZone: item(s, "az"),
    },
    cloud: cloud(s),
    bootTime: bootTime(s),
    interfaces: [...interfaces],
    listeningPorts: [...listening].sort((a, b) => a - b),
    runtime: (runtime === "docker" || runtime === "podman" ? runtime : "none") as ContainerRuntime,
    httpTool: tool === "curl" || tool === "wget" ? tool : "none",
    warnings,
  };
}
