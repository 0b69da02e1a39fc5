import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { fingerprint } from "./fingerprint";
import { checkKnownHost, formatKnownHostsLine, knownHostsName, knownKeysFor, matchPattern, parseKnownHosts } from "./known-hosts";
import { fixtureKey } from "./test-server";

const a = fixtureKey("host-a");
const b = fixtureKey("host-b");
const line = (hosts: string, key = a): string => `${hosts} ssh-ed25519 ${key.blob.toString("base64")}`;
const status = (text: string, host: string, port: number, key = a): string =>
  checkKnownHost(parseKnownHosts(text), host, port, key.blob).status;

describe("parseKnownHosts", () => {
  it("skips comments, blanks, unknown markers and malformed lines, keeps line numbers", () => {
    const text = [
      "# comment",
      "",
      "   ",
      `@cert-authority *.example ${line("").trim()}`,
      line("host1"),
      "host2 ssh-ed25519 !!notbase64!!",
      `host3 ssh-rsa ${a.blob.toString("base64")}`, // type field contradicts the blob
      "host4 ssh-ed25519",
      `@revoked ${line("host5")}`,
      `${line("host6")} a trailing comment`,
      `@unknown-marker ${line("host7")}`,
    ].join("\n");
    const entries = parseKnownHosts(text);
    expect(entries.map((e) => [e.line, e.revoked, e.certAuthority])).toEqual([
      [4, false, true],
      [5, false, false],
      [9, true, false],
      [10, false, false],
    ]);
  });

  it("handles CRLF line ends", () => {
    expect(status(`${line("host1")}\r\n`, "host1", 22)).toBe("match");
  });
});

describe("host names and patterns", () => {
  it("names non-22 ports [host]:port and lowercases", () => {
    expect(knownHostsName("Host.Example", 22)).toBe("host.example");
    expect(knownHostsName("198.51.100.7", 2222)).toBe("[198.51.100.7]:2222");
  });

  it("matches * and ? like OpenSSH", () => {
    expect(matchPattern("web-01.example", "web-??.example")).toBe(true);
    expect(matchPattern("web-1.example", "web-??.example")).toBe(false);
    expect(matchPattern("[10.0.0.1]:2222", "*")).toBe(true);
    expect(matchPattern("a.b.c", "*.c")).toBe(true);
    expect(matchPattern("a.b.c", "*.b")).toBe(false);
    expect(matchPattern("ABC", "a*C")).toBe(true);
  });

  it("matches comma lists, port forms and negations", () => {
    expect(status(line("other,host1"), "host1", 22)).toBe("match");
    expect(status(line("host1"), "host1", 2222)).toBe("unknown");
    expect(status(line("[host1]:2222"), "host1", 2222)).toBe("match");
    expect(status(line("[host1]:2222"), "host1", 22)).toBe("unknown");
    expect(status(line("10.0.0.*,!10.0.0.5"), "10.0.0.4", 22)).toBe("match");
    expect(status(line("10.0.0.*,!10.0.0.5"), "10.0.0.5", 22)).toBe("unknown");
    expect(status(line("!10.0.0.5,10.0.0.*"), "10.0.0.5", 22)).toBe("unknown");
  });
});

describe("checkKnownHost", () => {
  it("is a mismatch when the host has keys and none is the presented one", () => {
    const result = checkKnownHost(parseKnownHosts(line("host1", b)), "host1", 22, a.blob);
    expect(result).toEqual({ status: "mismatch", known: [b.blob], revoked: false });
  });

  it("matches any of several keys for a host", () => {
    expect(status([line("host1", b), line("host1", a)].join("\n"), "host1", 22)).toBe("match");
  });

  it("treats a revoked key as a mismatch even when it is also listed as known", () => {
    const text = [`@revoked ${line("*")}`, line("host1")].join("\n");
    expect(checkKnownHost(parseKnownHosts(text), "host1", 22, a.blob)).toMatchObject({ status: "mismatch", revoked: true });
    expect(status(`@revoked ${line("*", b)}`, "host1", 22)).toBe("unknown");
  });

  it("never matches a host by a @cert-authority key, but says which CA lines name it", () => {
    const text = [`@cert-authority *.example,!other.example ${a.publicLine.split(" ").slice(0, 2).join(" ")}`, line("host1", b)].join("\n");
    const entries = parseKnownHosts(text);
    expect(checkKnownHost(entries, "web.example", 22, a.blob)).toEqual({ status: "unknown", certAuthorityLines: [1] });
    expect(checkKnownHost(entries, "other.example", 22, a.blob)).toEqual({ status: "unknown", certAuthorityLines: [] });
    expect(checkKnownHost(entries, "host1", 22, a.blob)).toMatchObject({ status: "mismatch", known: [b.blob] });
    expect(knownKeysFor(entries, "web.example", 22)).toEqual([]);
  });

  it("reads hashed entries produced by ssh-keygen -H, for both name forms", () => {
    const dir = mkdtempSync(join(tmpdir(), "rerun-doctor-kh-"));
    try {
      const file = join(dir, "known_hosts");
      writeFileSync(file, `${line("198.51.100.9")}\n${line("[198.51.100.9]:2222", b)}\n`);
      execFileSync("ssh-keygen", ["-H", "-f", file], { stdio: "ignore" });
      const text = readFileSync(file, "utf8");
      expect(text).not.toContain("198.51.100.9");
      expect(status(text, "198.51.100.9", 22)).toBe("match");
      expect(status(text, "198.51.100.9", 2222, b)).toBe("match");
      expect(status(text, "198.51.100.9", 2222)).toBe("mismatch");
      expect(status(text, "198.51.100.10", 22)).toBe("unknown");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("formatKnownHostsLine and fingerprint", () => {
  it("writes a plain line that parses back", () => {
    const text = formatKnownHostsLine("198.51.100.9", 2222, a.blob);
    expect(text).toBe(line("[198.51.100.9]:2222"));
    expect(status(text, "198.51.100.9", 2222)).toBe("match");
  });

  it("refuses host names that would write another entry", () => {
    expect(() => formatKnownHostsLine("a\nb", 22, a.blob)).toThrow();
    expect(() => formatKnownHostsLine("a,b", 22, a.blob)).toThrow();
    expect(() => formatKnownHostsLine("*", 22, a.blob)).toThrow();
  });

  it("computes the same fingerprint as ssh-keygen -lf", () => {
    const dir = mkdtempSync(join(tmpdir(), "rerun-doctor-fp-"));
    try {
      writeFileSync(join(dir, "k.pub"), `${a.publicLine}\n`);
      const out = execFileSync("ssh-keygen", ["-l", "-E", "sha256", "-f", join(dir, "k.pub")], { encoding: "utf8" });
      expect(out.split(" ")[1]).toBe(fingerprint(a.blob));
      expect(fingerprint(a.blob)).toMatch(/^SHA256:[A-Za-z0-9+/]{43}$/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
