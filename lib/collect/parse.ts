import type { ClientFacts, ContainerRuntime, ImdsItem, OverrideFacts } from "./types";

const MAX_OVERRIDE_BYTES = 65536;
const IPV4_CIDR = /^(\d{1,3}(?:\.\d{1,3}){3})\/\d{1,2}$/;

export class CollectParseError extends Error {}

function decode(b64: string | undefined, limit: number): string {
  return Buffer.from(b64 ?? "", "base64").subarray(0, limit).toString("utf8");
}

function status(text: string | undefined): number | null {
  const code = Number(text);
  return Number.isInteger(code) && code >= 100 && code <= 599 ? code : null;
}

function item(fields: Map<string, string[]>, key: string): ImdsItem {
  const [code, body] = fields.get(`imds.${key}`) ?? [];
  const s = status(code);
  return { status: s, value: s === 200 ? decode(body, 256).trim() : null };
}

function override(fields: Map<string, string[]>, warnings: string[]): OverrideFacts {
  const exists = fields.get("override.exists")?.[0];
  if (exists === "special") warnings.push("/etc/circleci/public-ipv4 exists but is not a regular file");
  if (exists !== "1") return { exists: exists === "special", size: null, mtime: null, contentBase64: "", truncated: false };
  const [sizeText, mtimeText] = fields.get("override.stat") ?? [];
  const bytes = Buffer.from(fields.get("override.b64")?.[0] ?? "", "base64").subarray(0, MAX_OVERRIDE_BYTES);
  const size = Number.isSafeInteger(Number(sizeText)) ? Number(sizeText) : null;
  const mtime = Number.isSafeInteger(Number(mtimeText)) && mtimeText ? new Date(Number(mtimeText) * 1000).toISOString() : null;
  return { exists: true, size, mtime, contentBase64: bytes.toString("base64"), truncated: size !== null ? size > bytes.length : false };
}

/** Parses the collect script's output; throws CollectParseError when it is not that output. */
export function parseCollectOutput(stdout: string, rerunPortFilter: (port: number) => boolean): ClientFacts {
  const lines = stdout.split("\n");
  const begin = lines.findIndex((l) => l.trim() === "rd-begin 1");
  if (begin < 0) throw new CollectParseError("the client's shell printed no collect output (is /bin/sh there?)");
  const fields = new Map<string, string[]>();
  const interfaces: string[] = [];
  const listening = new Set<number>();
  let complete = false;
  for (const line of lines.slice(begin + 1)) {
    const [key = "", ...rest] = line.trim().split(" ");
    if (key === "rd-end") complete = true;
    else if (key === "iface") {
      const ip = IPV4_CIDR.exec(rest[0] ?? "")?.[1];
      if (ip && interfaces.length < 256) interfaces.push(ip);
    } else if (key === "listen") {
      const port = Number.parseInt(rest[0] ?? "", 16);
      if (port > 0 && port < 65536 && rerunPortFilter(port)) listening.add(port);
    } else if (key && !fields.has(key)) fields.set(key, rest);
  }
  const warnings: string[] = [];
  if (!complete) warnings.push("the collect output ended early; some facts may be missing");
  const tool = fields.get("tool")?.[0];
  const runtime = fields.get("runtime")?.[0];
  return {
    hostname: decode(fields.get("hostname")?.[0], 256).trim(),
    override: override(fields, warnings),
    imds: {
      tokenStatus: item(fields, "token").status,
      tokenlessStatus: item(fields, "tokenless").status,
      publicIpv4: item(fields, "public-ipv4"),
      localIpv4: item(fields, "local-ipv4"),
      instanceId: item(fields, "instance-id"),
      availabilityZone: item(fields, "az"),
    },
    interfaces: [...new Set(interfaces)],
    listeningPorts: [...listening].sort((a, b) => a - b),
    runtime: (["docker", "podman"].includes(runtime ?? "") ? runtime : "none") as ContainerRuntime,
    httpTool: tool === "curl" || tool === "wget" ? tool : "none",
    warnings,
  };
}
