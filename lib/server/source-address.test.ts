import { describe, expect, it } from "vitest";
import { requestSource, sourceAddress, STAMPED, trustedProxies } from "./source-address";

describe("sourceAddress", () => {
  it("is the socket's peer, and ignores X-Forwarded-For when no proxy is trusted", () => {
    expect(sourceAddress("198.51.100.9", undefined, [])).toBe("198.51.100.9");
    expect(sourceAddress("198.51.100.9", "198.51.100.1", [])).toBe("198.51.100.9");
    expect(sourceAddress("::ffff:198.51.100.9", undefined, [])).toBe("198.51.100.9");
  });

  it("ignores X-Forwarded-For from a peer that is not a trusted proxy", () => {
    expect(sourceAddress("198.51.100.9", "198.51.100.1", ["10.0.0.2"])).toBe("198.51.100.9");
  });

  it("takes the nearest untrusted hop behind a trusted proxy, so a client cannot pick its own", () => {
    expect(sourceAddress("10.0.0.2", "198.51.100.1", ["10.0.0.2"])).toBe("198.51.100.1");
    // The client wrote "1.2.3.4"; the proxy appended what it saw.
    expect(sourceAddress("10.0.0.2", "1.2.3.4, 198.51.100.1", ["10.0.0.2"])).toBe("198.51.100.1");
    expect(sourceAddress("10.0.0.2", "1.2.3.4, 198.51.100.1, 10.0.1.7", ["10.0.0.0/16"])).toBe("198.51.100.1");
    expect(sourceAddress("::ffff:10.0.0.2", "198.51.100.1", ["10.0.0.2"])).toBe("198.51.100.1");
  });

  it("counts IPv6 per /64", () => {
    expect(sourceAddress("2001:db8:1:2:aaaa::1", undefined, [])).toBe("2001:db8:1:2::/64");
    expect(sourceAddress("2001:db8:1:2:bbbb:0:0:9", undefined, [])).toBe("2001:db8:1:2::/64");
    expect(sourceAddress("2001:db8::1", undefined, [])).toBe("2001:db8:0:0::/64");
    expect(sourceAddress("::1", undefined, [])).toBe("0:0:0:0::/64");
  });

  it("has one shared key when the peer is unknown", () => {
    expect(sourceAddress(undefined, "198.51.100.1", [])).toBe("unknown");
  });

  it("reads RERUN_DOCTOR_TRUSTED_PROXIES as a comma-separated list", () => {
    expect(trustedProxies({ RERUN_DOCTOR_TRUSTED_PROXIES: " 10.0.0.2, 10.1.0.0/16 ,," })).toEqual(["10.0.0.2", "10.1.0.0/16"]);
    expect(trustedProxies({})).toEqual([]);
  });
});

describe("requestSource", () => {
  it("believes the stamp header only once stamp-source.ts is installed", () => {
    const headers = new Headers({ "x-rerun-doctor-source": "198.51.100.7" });
    const holder = globalThis as { [STAMPED]?: true };
    delete holder[STAMPED];
    expect(requestSource(headers)).toBe("unknown");
    holder[STAMPED] = true;
    try {
      expect(requestSource(headers)).toBe("198.51.100.7");
      expect(requestSource(new Headers())).toBe("unknown");
    } finally {
      delete holder[STAMPED];
    }
  });
});
