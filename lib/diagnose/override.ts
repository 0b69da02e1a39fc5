import type { OverrideFacts } from "../collect/types";
import { escapeBytes } from "../common/escape";
import { isIpv4 } from "../common/ipv4";

/** What `outer` would make of /etc/circleci/public-ipv4. */
export type OverrideParse =
  | { readonly kind: "absent" }
  | { readonly kind: "empty"; readonly raw: string }
  | { readonly kind: "valid"; readonly ip: string }
  | { readonly kind: "invalid"; readonly reason: string; readonly preview: string };

const MAX_IPV4_LENGTH = 15;
const SNIFF_BYTES = 4096;
const HTML_MARKER = /<\s*(!doctype\s+html|html|head|body|title|h1|\?xml)\b/i;
const IPV6_SHAPE = /^[0-9a-f:.]+(%[\w.-]+)?$/i;
const DOTTED_QUAD = /^(\d+)\.(\d+)\.(\d+)\.(\d+)$/;

function isWhitespace(byte: number): boolean {
  return byte === 0x20 || byte === 0x09 || byte === 0x0a || byte === 0x0d;
}

function octetProblem(octet: string): string | null {
  if (octet.length > 1 && octet.startsWith("0")) return `octet "${octet}" has a leading zero`;
  if (Number(octet) > 255) return `octet "${octet}" is above 255`;
  return null;
}

function hasBinaryBytes(core: Uint8Array): boolean {
  let sawHighByte = false;
  for (const byte of core) {
    if ((byte < 0x20 && !isWhitespace(byte)) || byte === 0x7f) return true;
    if (byte >= 0x80) sawHighByte = true;
  }
  if (!sawHighByte) return false;
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(core);
    return false;
  } catch {
    return true;
  }
}

function countNonEmptyLines(core: Uint8Array): number {
  let lines = 0;
  let lineHasContent = false;
  for (const byte of core) {
    if (byte === 0x0a || byte === 0x0d) {
      if (lineHasContent) lines++;
      lineHasContent = false;
    } else if (!isWhitespace(byte)) {
      lineHasContent = true;
    }
  }
  return lineHasContent ? lines + 1 : lines;
}

function describeInvalid(core: Uint8Array): string {
  if (hasBinaryBytes(core)) return "binary bytes";
  const head = new TextDecoder().decode(core.subarray(0, SNIFF_BYTES));
  if (HTML_MARKER.test(head)) return "an HTML page (a failed curl?)";
  const lines = countNonEmptyLines(core);
  if (lines === 2) return "two lines";
  if (lines > 2) return `${lines} lines`;
  if (core.length > SNIFF_BYTES) return "not an IPv4 address";
  if (IPV6_SHAPE.test(head) && (head.match(/:/g) ?? []).length >= 2) return "an IPv6 address";
  const quad = DOTTED_QUAD.exec(head);
  const problem = quad
    ?.slice(1)
    .map(octetProblem)
    .find((found) => found !== null);
  if (problem) return `not an IPv4 address: ${problem}`;
  if (/^\S+\/\d+$/.test(head)) return "not an IPv4 address: a CIDR block";
  if (/\s/.test(head)) return "not an IPv4 address: several words";
  return "not an IPv4 address";
}

/**
 * Classifies the override file's bytes. `size` is the file's real size when the read was
 * truncated; the bytes are scanned once, so a 1 MB file stays cheap.
 */
export function parseOverride(bytes: Uint8Array, truncated: boolean, size?: number | null): OverrideParse {
  const preview = escapeBytes(bytes);
  if (truncated) {
    return { kind: "invalid", reason: `${size ?? bytes.length} bytes, truncated`, preview };
  }
  let start = 0;
  let end = bytes.length;
  while (start < end && isWhitespace(bytes[start]!)) start++;
  while (end > start && isWhitespace(bytes[end - 1]!)) end--;
  if (start === end) return { kind: "empty", raw: preview };
  const core = bytes.subarray(start, end);
  if (core.length <= MAX_IPV4_LENGTH) {
    const text = String.fromCharCode(...core);
    if (isIpv4(text)) return { kind: "valid", ip: text };
  }
  return { kind: "invalid", reason: describeInvalid(core), preview };
}

function decodeBase64(contentBase64: string): Uint8Array | null {
  try {
    const binary = atob(contentBase64);
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return bytes;
  } catch {
    return null;
  }
}

/** parseOverride on the collected facts: "absent" when the file does not exist. */
export function readOverride(override: OverrideFacts): OverrideParse {
  if (!override.exists) return { kind: "absent" };
  const bytes = decodeBase64(override.contentBase64);
  if (bytes === null) return { kind: "invalid", reason: "content could not be decoded", preview: "" };
  return parseOverride(bytes, override.truncated, override.size);
}
