import { describe, expect, it } from "vitest";
import { escapeBytes, PREVIEW_MAX_CHARS } from "../common/escape";
import { isIpv4 } from "../common/ipv4";
import { parseOverride, readOverride } from "./override";
import { noOverride, overrideFile } from "./test-fixtures";

const bytes = (text: string) => new TextEncoder().encode(text);
const parse = (text: string) => parseOverride(bytes(text), false);

describe("parseOverride", () => {
  it.each(["1.2.3.4", "1.2.3.4\n", "1.2.3.4\r\n", "  1.2.3.4 \n", "\t10.0.0.1\t\r\n\r\n", "0.0.0.0", "255.255.255.255"])(
    "accepts one IPv4 address with surrounding whitespace: %j",
    (text) => {
      expect(parse(text)).toEqual({ kind: "valid", ip: text.trim() });
    },
  );

  it.each(["", " ", "\n", "\r\n\t  \n"])("calls whitespace-only content empty: %j", (text) => {
    const result = parse(text);
    expect(result.kind).toBe("empty");
  });

  it("shows the whitespace of an empty file escaped", () => {
    expect(parse(" \r\n")).toEqual({ kind: "empty", raw: " \\r\\n" });
  });

  it.each([
    ["1.2.3.4\n5.6.7.8\n", "two lines"],
    ["1.2.3.4\r\n\r\n5.6.7.8", "two lines"],
    ["a\nb\nc\n", "3 lines"],
    ["2001:db8::1\n", "an IPv6 address"],
    ["::ffff:198.51.100.1", "an IPv6 address"],
    ["<html><head><title>404 Not Found</title></head></html>\n", "an HTML page (a failed curl?)"],
    ["<!DOCTYPE html>\n<html>\n<body>error</body>\n</html>\n", "an HTML page (a failed curl?)"],
    ["256.1.1.1", 'not an IPv4 address: octet "256" is above 255'],
    ["01.2.3.4", 'not an IPv4 address: octet "01" has a leading zero'],
    ["10.0.0.010", 'not an IPv4 address: octet "010" has a leading zero'],
    ["1.2.3.4/24", "not an IPv4 address: a CIDR block"],
    ["1.2.3.4 5.6.7.8", "not an IPv4 address: several words"],
    ["1.2.3", "not an IPv4 address"],
    ["hostname.example", "not an IPv4 address"],
  ])("rejects %j as %s", (text, reason) => {
    const result = parse(text);
    expect(result).toMatchObject({ kind: "invalid", reason });
  });

  it("calls control bytes and invalid UTF-8 binary", () => {
    expect(parseOverride(new Uint8Array([0x31, 0x00, 0x32]), false)).toMatchObject({ reason: "binary bytes", preview: "1\\x002" });
    expect(parseOverride(new Uint8Array([0xff, 0xfe, 0x41]), false)).toMatchObject({ reason: "binary bytes" });
    expect(parseOverride(bytes("\u001b[31m1.2.3.4"), false)).toMatchObject({ reason: "binary bytes", preview: "\\x1b[31m1.2.3.4" });
  });

  it("reports a truncated read with the file's real size", () => {
    expect(parseOverride(bytes("1.2.3.4"), true, 2_000_000)).toMatchObject({ kind: "invalid", reason: "2000000 bytes, truncated" });
    expect(parseOverride(bytes("abc"), true)).toMatchObject({ reason: "3 bytes, truncated" });
  });

  it("handles a 1 MB file with a bounded preview", () => {
    const big = new Uint8Array(1024 * 1024).fill(0x41);
    const result = parseOverride(big, false);
    expect(result).toMatchObject({ kind: "invalid", reason: "not an IPv4 address" });
    if (result.kind !== "invalid") throw new Error("expected invalid");
    expect(result.preview.length).toBeLessThanOrEqual(PREVIEW_MAX_CHARS);
    expect(result.preview).toMatch(/… \(\+\d+ more bytes\)$/);
  });

  it("recognises a 1 MB HTML page", () => {
    const page = `<html><body>${"x".repeat(1024 * 1024)}</body></html>`;
    expect(parse(page)).toMatchObject({ reason: "an HTML page (a failed curl?)" });
  });
});

describe("escapeBytes", () => {
  it("escapes quotes, backslashes and non-ASCII so the preview is plain ASCII", () => {
    const preview = escapeBytes(bytes('a"b\\c\té'));
    expect(preview).toBe('a\\"b\\\\c\\t\\xc3\\xa9');
    expect(preview).toMatch(/^[\x20-\x7e]*$/);
  });

  it("never exceeds the bound even when every byte needs four characters", () => {
    const preview = escapeBytes(new Uint8Array(5000).fill(0x01));
    expect(preview.length).toBeLessThanOrEqual(PREVIEW_MAX_CHARS);
    expect(preview.startsWith("\\x01\\x01")).toBe(true);
  });
});

describe("isIpv4 and readOverride", () => {
  it.each([
    ["1.2.3.4", true],
    ["1.2.3.04", false],
    ["1.2.3.256", false],
    ["1.2.3.4.5", false],
    ["1234.1.1.1", false],
  ])("isIpv4(%j) is %s", (text, expected) => expect(isIpv4(text)).toBe(expected));

  it("is absent when the file does not exist, and decodes base64 content otherwise", () => {
    expect(readOverride(noOverride())).toEqual({ kind: "absent" });
    expect(readOverride(overrideFile("198.51.100.7\n"))).toEqual({ kind: "valid", ip: "198.51.100.7" });
  });

  it("passes the stat size through for a truncated read", () => {
    expect(readOverride(overrideFile("<html>", true, 1_048_576))).toMatchObject({ reason: "1048576 bytes, truncated" });
  });
});
