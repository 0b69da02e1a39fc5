import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { reportOf } from "../report/test-fixtures";
import { makeObservation, makeTarget } from "../diagnose/test-fixtures";
import { openDatabase } from "../store/db";
import { RunsRepo } from "../store/runs-repo";
import { UserProbesRepo } from "../store/user-probes-repo";
import { learnedUsers } from "./learned-users";

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

const HOUR = 60 * 60 * 1000;
const T0 = Date.parse("2026-12-02T08:00:00.000Z");
const TARGETS = [{ ip: "198.51.100.131", port: 64535 }];
const UPLOAD = { tool: "bash" as const, results: [] };

function setup() {
  const dir = mkdtempSync(join(tmpdir(), "rd-learned-users-"));
  dirs.push(dir);
  const db = openDatabase(dir);
  const report = reportOf([makeObservation({ target: makeTarget({ name: "alpha" }) })], "run-1");
  const runs = new RunsRepo(db);
  runs.create({ id: "run-1", startedAt: report.startedAt, origin: "ui", totalClients: 1, context: report.inventory });
  runs.finish(report, new Map([["alpha", 0]]));
  const clock = { t: T0 };
  const probes = new UserProbesRepo(db, () => clock.t);
  /** A request created and answered at `at`, from `source`. */
  const upload = (label: string, source: string | null, at: number, ttlHours = 168) => {
    clock.t = at;
    const { token } = probes.create("run-1", { label, targets: TARGETS, ttlHours });
    const probe = probes.resolve(token)!;
    if (source !== null) probes.record(probe.tokenHash, UPLOAD, source);
    return probe;
  };
  return { db, probes, clock, upload };
}

describe("learnedUsers: the users' addresses of recent user probe uploads, from the store", () => {
  it("takes the recent uploads' IPv4 sources, newest first, each with its probe's vantage name", () => {
    const { db, upload } = setup();
    upload("T-100", "198.51.100.7", T0 - 3 * HOUR);
    upload("T-123", "10.10.200.7", T0 - 2 * HOUR);
    upload("T-124", "198.51.100.7", T0 - HOUR);
    expect(learnedUsers(db, [], T0)).toEqual([
      { cidr: "198.51.100.7/32", source: "users (reported by T-124)" },
      { cidr: "10.10.200.7/32", source: "users (reported by T-123)" },
    ]);
  });

  it("leaves out revoked requests, requests with no upload, uploads older than 7 days and IPv6 sources", () => {
    const { db, probes, upload, clock } = setup();
    upload("old", "198.51.100.1", T0 - 8 * 24 * HOUR);
    upload("waiting", null, T0 - HOUR);
    upload("v6", "2001:db8:1:2::/64", T0 - HOUR);
    const revoked = upload("revoked", "198.51.100.2", T0 - HOUR);
    clock.t = T0;
    probes.revoke("run-1", revoked.tokenHash.slice(0, 16));
    upload("kept", "198.51.100.3", T0 - 6 * 24 * HOUR);
    // The link's expiry ends uploads, not the evidence of one: a 24 h link answered 3 days ago still counts.
    upload("expired", "198.51.100.4", T0 - 3 * 24 * HOUR, 24);
    expect(learnedUsers(db, [], T0)).toEqual([
      { cidr: "198.51.100.4/32", source: "users (reported by expired)" },
      { cidr: "198.51.100.3/32", source: "users (reported by kept)" },
    ]);
  });

  it("leaves out what the inventory's users.cidrs already hold", () => {
    const { db, upload } = setup();
    upload("office", "10.20.3.4", T0 - HOUR);
    upload("vpn", "10.30.0.9", T0 - HOUR);
    expect(learnedUsers(db, ["10.20.0.0/16"], T0).map((n) => n.cidr)).toEqual(["10.30.0.9/32"]);
  });
});
