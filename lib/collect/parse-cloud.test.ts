import { describe, expect, it } from "vitest";
import { parseCollectOutput } from "./parse";
import { collectOutput, inRerunRange } from "./test-output";

const AZURE_NETWORK = JSON.stringify({
  interface: [{ ipv4: { ipAddress: [{ privateIpAddress: "10.1.0.4", publicIpAddress: "" }] }, macAddress: "000D3A" }],
});

describe("parseCollectOutput: clouds beyond AWS, boot time", () => {
  it("reads GCP's answers, its Metadata-Flavor header and the boot time", () => {
    const facts = parseCollectOutput(
      collectOutput(
        [
          "boot.btime 1764280000",
          "imds.token 404",
          "imds.tokenless 404",
          "gcp.external-ip 200",
          "gcp.ip 200",
          "azure.network 404",
          "gcp.flavor google",
        ],
        { "gcp-external-ip": "34.118.9.20", "gcp-ip": "10.128.0.7\n", "azure-network": "<html>404</html>" },
      ),
      inRerunRange,
    );
    expect(facts.cloud).toEqual({
      noAnswer: null,
      gcp: { flavor: true, externalIpStatus: 200, externalIp: "34.118.9.20", internalIpStatus: 200, internalIp: "10.128.0.7" },
      azure: { status: 404, publicIp: null, privateIp: null },
    });
    expect(facts.bootTime).toBe("2025-11-27T21:46:40.000Z");
  });

  it("keeps only IPv4 strings from GCP and Azure, and no header means no flavor", () => {
    const facts = parseCollectOutput(
      collectOutput(["imds.token 400", "imds.tokenless 400", "gcp.external-ip 404", "gcp.ip 200", "azure.network 200"], {
        "gcp-external-ip": "<h1>404</h1>",
        "gcp-ip": "10.0.0.1; rm -rf /",
        "azure-network": AZURE_NETWORK,
      }),
      inRerunRange,
    );
    expect(facts.cloud?.gcp).toEqual({ flavor: false, externalIpStatus: 404, externalIp: null, internalIpStatus: 200, internalIp: null });
    expect(facts.cloud?.azure).toEqual({ status: 200, publicIp: null, privateIp: "10.1.0.4" });
  });

  it("survives Azure JSON that is cut, hostile or of another shape", () => {
    for (const body of [
      '{"interface": [',
      '{"interface": {"0": 1}}',
      "null",
      '{"interface":[{"ipv4":{"ipAddress":[{"publicIpAddress":["1.2.3.4"]}]}}]}',
    ]) {
      const facts = parseCollectOutput(collectOutput(["imds.token 400", "azure.network 200"], { "azure-network": body }), inRerunRange);
      expect(facts.cloud?.azure).toEqual({ status: 200, publicIp: null, privateIp: null });
    }
  });

  it("tells nothing listening (curl exit 7) from silence (exit 28), and an answer from both", () => {
    const parse = (lines: string[]) => parseCollectOutput(collectOutput(lines, {}), inRerunRange).cloud?.noAnswer;
    expect(parse(["imds.token 000", "imds.token.exit 7", "imds.tokenless 000", "imds.tokenless.exit 7"])).toBe("refused");
    expect(parse(["imds.token 000", "imds.token.exit 28", "imds.tokenless 000", "imds.tokenless.exit 28"])).toBe("timeout");
    expect(parse(["imds.token 000", "imds.tokenless 000"])).toBe("timeout");
    expect(parse(["imds.token 000", "imds.token.exit 7", "imds.tokenless 401", "imds.tokenless.exit 0"])).toBeNull();
    expect(parse(["tool none"])).toBeNull();
  });

  it("ignores a boot time that is not a number of seconds", () => {
    for (const btime of ["-5", "1e9", "17642800000000", "now"]) {
      expect(parseCollectOutput(collectOutput([`boot.btime ${btime}`], {}), inRerunRange).bootTime).toBeNull();
    }
  });
});
