import { describe, expect, it } from "vitest";
import { deriveAdvertisedIp, isServerVersionBelow } from "./advertised-ip";
import { IMDS_SILENT, PUBLIC_IP, makeFacts, makeImds, overrideFile } from "./test-fixtures";

const V2_REQUIRED = makeImds({ tokenlessStatus: 401 });

describe("isServerVersionBelow", () => {
  it.each([
    ["2.19", "4.6", true],
    ["3.4", "4.6", true],
    ["4.5", "4.6", true],
    ["4.6", "4.6", false],
    ["4.8", "4.6", false],
    ["4.10", "4.6", false],
    ["5.0", "4.6", false],
    ["4", "4.6", true],
    ["4.5.3", "4.6", true],
    ["v4.7", "4.6", false],
    ["newest", "4.6", false],
  ])("%s below %s is %s", (version, floor, expected) => {
    expect(isServerVersionBelow(version, floor)).toBe(expected);
  });
});

describe("deriveAdvertisedIp", () => {
  it("uses the metadata public IP when there is no override", () => {
    expect(deriveAdvertisedIp(makeFacts(), "4.8")).toEqual({ ip: PUBLIC_IP, source: "metadata" });
  });

  it("prefers a valid override over metadata", () => {
    const facts = makeFacts({ override: overrideFile(" 198.51.100.9\r\n") });
    expect(deriveAdvertisedIp(facts, "4.8")).toEqual({ ip: "198.51.100.9", source: "override" });
  });

  it.each([["\n"], ["<html>oops</html>"], ["2001:db8::1"]])("an existing unusable override %j hides metadata", (content) => {
    const facts = makeFacts({ override: overrideFile(content) });
    expect(deriveAdvertisedIp(facts, "4.8")).toEqual({ ip: null, source: "override" });
  });

  it("reads the public IP through a token on Server 4.6 and later", () => {
    const facts = makeFacts({ imds: V2_REQUIRED });
    expect(deriveAdvertisedIp(facts, "4.6")).toEqual({ ip: PUBLIC_IP, source: "metadata" });
    expect(deriveAdvertisedIp(facts, "4.8")).toEqual({ ip: PUBLIC_IP, source: "metadata" });
  });

  it("gets nothing from metadata when IMDSv2 is required and Server is below 4.6", () => {
    const facts = makeFacts({ imds: V2_REQUIRED });
    expect(deriveAdvertisedIp(facts, "4.5")).toEqual({ ip: null, source: "none" });
    expect(deriveAdvertisedIp(facts, "2.19")).toEqual({ ip: null, source: "none" });
  });

  it("has no address when public-ipv4 is 404 or metadata is silent", () => {
    const noPublic = makeImds({ publicIpv4: { status: 404, value: null } });
    expect(deriveAdvertisedIp(makeFacts({ imds: noPublic }), "4.8")).toEqual({ ip: null, source: "none" });
    expect(deriveAdvertisedIp(makeFacts({ imds: IMDS_SILENT }), "4.8")).toEqual({ ip: null, source: "none" });
  });

  it("ignores a metadata answer that is not an IPv4 address", () => {
    const garbage = makeImds({ publicIpv4: { status: 200, value: "<html>" } });
    expect(deriveAdvertisedIp(makeFacts({ imds: garbage }), "4.8")).toEqual({ ip: null, source: "none" });
  });
});
