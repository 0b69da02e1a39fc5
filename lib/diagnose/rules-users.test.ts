import { describe, expect, it } from "vitest";
import type { PortRun } from "../common/ports";
import { RERUN_PORTS } from "./test-fixtures";
import { dashboardOnFiltered, userScanFinding, type UserProbe } from "./rules-users";

const scan = (probes: UserProbe[]) => ({ vantage: "users (reported by T-7)", source: "198.51.100.77", address: "198.51.100.131", probes });
const filtered = (port: number): UserProbe => ({ port, state: "filtered", reason: "no-response" });
const closed = (port: number): UserProbe => ({ port, state: "closed", reason: "conn-refused" });
const dashboard = (state: PortRun["state"]): PortRun[] => [
  { ...RERUN_PORTS, state, reason: state === "filtered" ? "no-response" : "conn-refused" },
];

describe("users' probes: the same vantage logic as the dashboard's", () => {
  it("finds nothing when every port answered the users", () => {
    expect(userScanFinding(scan([closed(64535), closed(65535)]), RERUN_PORTS, dashboard("closed"))).toBeNull();
  });

  it("names a rule between the users and the client when the dashboard got answers on the same ports", () => {
    const f = userScanFinding(scan([filtered(64535), closed(65535)]), RERUN_PORTS, dashboard("closed"))!;
    expect(f).toMatchObject({ code: "RERUN_PORTS_FILTERED_FROM_USERS", severity: "error" });
    expect(f.title).toBe("Reruns fail for users (reported by T-7): part of 64535–65535 filtered from their network");
    expect(f.detail).toContain("1 of 2 ports probed on 198.51.100.131 got no answer: 64535 (0 open, 1 closed)");
    expect(f.detail).toContain("a security group rule or network ACL between the users' network and this Nomad client drops them");
    expect(f.remediation).toContain("Allow TCP 64535–65535 into the Nomad clients' security group from the users' network (198.51.100.77");
  });

  it("says the rule drops more than the users' network when the dashboard saw the ports filtered too", () => {
    const f = userScanFinding(scan([filtered(64535), filtered(65535)]), RERUN_PORTS, dashboard("filtered"))!;
    expect(f.title).toContain("all of 64535–65535");
    expect(f.detail).toContain("The dashboard saw 2 of them filtered too");
  });

  it("counts what the dashboard saw on the users' filtered ports, and says so when it probed none of them", () => {
    expect(dashboardOnFiltered([64535, 70000], dashboard("closed"))).toEqual({ answered: 1, filtered: 0, unprobed: 1 });
    expect(userScanFinding(scan([filtered(64535)]), RERUN_PORTS, null)!.detail).toContain("The dashboard did not probe those ports");
  });
});
