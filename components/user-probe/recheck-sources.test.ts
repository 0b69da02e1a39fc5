import { describe, expect, it } from "vitest";
import type { UserProbeInfo } from "@/lib/api/user-probe";
import { recheckSources } from "./recheck-sources";

const probe = (overrides: Partial<UserProbeInfo>): UserProbeInfo => ({
  id: "0123456789abcdef",
  label: "T-1",
  targets: 2,
  createdAt: "2026-12-02T08:00:00.000Z",
  expiresAt: "2026-12-03T08:00:00.000Z",
  revokedAt: null,
  active: true,
  reportedAt: "2026-12-02T09:00:00.000Z",
  source: "198.51.100.7",
  tool: "bash",
  results: 2,
  uploads: 1,
  ...overrides,
});

describe("recheckSources: what the panel says a new run checks", () => {
  it("lists each IPv4 upload source once, not revoked requests, waiting ones, IPv6 or loopback sources", () => {
    const probes = [
      probe({}),
      probe({ label: "T-2" }),
      probe({ source: "10.10.200.7" }),
      probe({ source: "198.51.100.8", revokedAt: "2026-12-02T09:30:00.000Z" }),
      probe({ source: null, reportedAt: null }),
      probe({ source: "2001:db8:1:2::/64" }),
      probe({ source: "127.0.0.1" }),
    ];
    expect(recheckSources(probes)).toEqual(["198.51.100.7", "10.10.200.7"]);
    expect(recheckSources([])).toEqual([]);
  });
});
