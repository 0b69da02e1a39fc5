import { describe, expect, it } from "vitest";
import { parseCollectOutput } from "./parse";

const inRerunRange = (port: number) => port >= 64535 && port <= 65535;

/** Builds output in the collect script's format: text lines, then length-framed blobs. */
function output(lines: string[], blobs: Record<string, string | Buffer>, end = "\nrd-end 2\n"): Buffer {
  const names = Object.keys(blobs);
  const header = `rd-blobs ${names.map((n) => `${n}:${Buffer.byteLength(blobs[n]!)}`).join(" ")} \n`;
  return Buffer.concat([
    Buffer.from(["Welcome to Ubuntu (motd noise)", "rd-begin 2", ...lines, ""].join("\n")),
    Buffer.from(header),
    ...names.map((n) => Buffer.from(blobs[n]!)),
    Buffer.from(end),
  ]);
}

describe("parseCollectOutput", () => {
  it("reads a healthy IMDSv2 client", () => {
    const facts = parseCollectOutput(
      output(
        [
          "override.exists 0",
          "tool curl",
          "imds.token 200",
          "imds.tokenless 401",
          "imds.public-ipv4 200",
          "imds.local-ipv4 200",
          "imds.instance-id 200",
          "imds.az 200",
          "iface 127.0.0.1/8",
          "iface 10.0.1.12/24",
          "listen 0016",
          "listen FCD0",
          "runtime docker",
        ],
        {
          hostname: "ip-10-0-1-12",
          override: "",
          token: "AQAEA-token",
          tokenless: "<html>401</html>",
          "public-ipv4": "54.224.97.243",
          "local-ipv4": "10.0.1.12",
          "instance-id": "i-0abc",
          az: "us-east-1a",
        },
      ),
      inRerunRange,
    );
    expect(facts).toEqual({
      hostname: "ip-10-0-1-12",
      override: { exists: false, size: null, mtime: null, contentBase64: "", truncated: false },
      imds: {
        tokenStatus: 200,
        tokenlessStatus: 401,
        publicIpv4: { status: 200, value: "54.224.97.243" },
        localIpv4: { status: 200, value: "10.0.1.12" },
        instanceId: { status: 200, value: "i-0abc" },
        availabilityZone: { status: 200, value: "us-east-1a" },
      },
      cloud: { noAnswer: null, gcp: null, azure: null },
      bootTime: null,
      interfaces: ["127.0.0.1", "10.0.1.12"],
      listeningPorts: [64720],
      runtime: "docker",
      httpTool: "curl",
      warnings: [],
    });
  });

  it("keeps override bytes raw, even newlines and binary, and tells no answer (000) from statuses", () => {
    const raw = Buffer.from([0x3c, 0x68, 0x3e, 0x0d, 0x0a, 0x00, 0xff, 0x0a, 0x72, 0x64, 0x2d, 0x65, 0x6e, 0x64]);
    const facts = parseCollectOutput(
      output(["override.exists 1", "override.stat 70000 1764290000", "tool wget", "imds.token 000", "imds.tokenless 000"], {
        hostname: "h",
        override: raw,
      }),
      inRerunRange,
    );
    expect(Buffer.from(facts.override.contentBase64, "base64")).toEqual(raw);
    expect(facts.override).toMatchObject({ exists: true, size: 70000, mtime: "2025-11-28T00:33:20.000Z", truncated: true });
    expect(facts.imds.tokenStatus).toBeNull();
    expect(facts.imds.publicIpv4).toEqual({ status: null, value: null });
    expect(facts.httpTool).toBe("wget");
    expect(facts.warnings).toEqual([]);
  });

  it("survives hostile or cut-short output without crashing", () => {
    const cut = output(
      ["iface 999.1.1.1/8; rm -rf /", "listen ZZZZ", "imds.public-ipv4 200", "runtime <script>"],
      { hostname: "x", "public-ipv4": "1.2.3.4" },
      "",
    );
    const facts = parseCollectOutput(cut.subarray(0, cut.length - 3), inRerunRange);
    expect(facts.interfaces).toEqual([]);
    expect(facts.listeningPorts).toEqual([]);
    expect(facts.runtime).toBe("none");
    expect(facts.imds.publicIpv4.value).toBe("1.2.");
    expect(facts.warnings).toContain("the collect output ended early; some facts may be missing");
    expect(() => parseCollectOutput(Buffer.from("sh: not found"), inRerunRange)).toThrow(/no collect output/);
  });
});
