import { describe, expect, it } from "vitest";
import { parseCollectOutput } from "./parse";

const b64 = (text: string) => Buffer.from(text).toString("base64");
const inRerunRange = (port: number) => port >= 64535 && port <= 65535;

function output(lines: string[]): string {
  return ["Welcome to Ubuntu (motd noise)", "rd-begin 1", ...lines, "rd-end 1", ""].join("\n");
}

describe("parseCollectOutput", () => {
  it("reads a healthy IMDSv2 client", () => {
    const facts = parseCollectOutput(
      output([
        `hostname ${b64("ip-10-0-1-12\n")}`,
        "override.exists 0",
        "tool curl",
        `imds.token 200 ${b64("AQAEA-token")}`,
        "imds.tokenless 401 ",
        `imds.public-ipv4 200 ${b64("54.224.97.243")}`,
        `imds.local-ipv4 200 ${b64("10.0.1.12")}`,
        `imds.instance-id 200 ${b64("i-0abc")}`,
        `imds.az 200 ${b64("us-east-1a")}`,
        "iface 127.0.0.1/8",
        "iface 10.0.1.12/24",
        "listen 0016",
        "listen FCD0",
        "runtime docker",
      ]),
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
      interfaces: ["127.0.0.1", "10.0.1.12"],
      listeningPorts: [64720],
      runtime: "docker",
      httpTool: "curl",
      warnings: [],
    });
  });

  it("tells no answer (000) from HTTP statuses and keeps override bytes raw", () => {
    const facts = parseCollectOutput(
      output(["override.exists 1", "override.stat 70000 1764290000", `override.b64 ${b64("<html>\r\n")}`, "tool wget", "imds.token 000 ", "imds.tokenless 000 "]),
      inRerunRange,
    );
    expect(facts.imds.tokenStatus).toBeNull();
    expect(facts.imds.publicIpv4).toEqual({ status: null, value: null });
    expect(facts.override).toEqual({ exists: true, size: 70000, mtime: "2025-11-28T00:33:20.000Z", contentBase64: b64("<html>\r\n"), truncated: true });
    expect(facts.httpTool).toBe("wget");
  });

  it("survives hostile or cut-short output without crashing", () => {
    const facts = parseCollectOutput(["rd-begin 1", "iface 999.1.1.1/8; rm -rf /", "listen ZZZZ", "imds.public-ipv4 200 !!!notbase64", "runtime <script>"].join("\n"), inRerunRange);
    expect(facts.interfaces).toEqual([]);
    expect(facts.listeningPorts).toEqual([]);
    expect(facts.runtime).toBe("none");
    expect(facts.warnings).toContain("the collect output ended early; some facts may be missing");
    expect(() => parseCollectOutput("sh: not found", inRerunRange)).toThrow(/no collect output/);
  });
});
