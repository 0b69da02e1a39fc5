import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { probeSocketBudget, MAX_PROBE_SOCKETS } from "../engine/budget";
import { connectProbe, LocalSocketError } from "./connect";
import { closedRange } from "./test-ports";

const TSX = join(__dirname, "..", "..", "node_modules", ".bin", "tsx");
const CHILD = join(__dirname, "test-scan-child.ts");

/** Scans in a child whose open-files limit is `limit` (hard and soft), through `ulimit` in its shell. */
function scanUnderLimit(limit: number, args: string[]): Array<{ counts?: Record<string, number>; error?: string }> {
  const script = `ulimit -n ${limit} && exec "$0" "$@"`;
  const out = execFileSync("bash", ["-c", script, TSX, CHILD, ...args], { encoding: "utf8", timeout: 60_000 });
  return JSON.parse(out) as Array<{ counts?: Record<string, number>; error?: string }>;
}

describe("probes when this machine runs short of sockets", () => {
  it("never reports a port it could not probe: under a 128-file limit, 4 x 400 closed ports stay closed", async () => {
    const { from } = await closedRange(4 * 400);
    const results = scanUnderLimit(128, [String(from), "4", "400"]);
    expect(results).toHaveLength(4);
    for (const r of results) expect(r.counts).toEqual({ open: 0, closed: 400, filtered: 0 });
  });

  it("gives up with the machine's own error, not port states, when no descriptor ever frees", async () => {
    const { from } = await closedRange(50);
    const results = scanUnderLimit(64, [String(from), "1", "50", "hog"]);
    expect(results[0]!.counts).toBeUndefined();
    expect(results[0]!.error).toContain("EMFILE: too many open files; raise ulimit -n");
  });

  it("turns a local socket error into LocalSocketError, and a remote one into a port state", async () => {
    const local = async () => ({ kind: "error", code: "EMFILE" }) as const;
    await expect(connectProbe("127.0.0.1", 1, 100, 100, local)).rejects.toBeInstanceOf(LocalSocketError);
    const unreachable = async () => ({ kind: "error", code: "EHOSTUNREACH" }) as const;
    await expect(connectProbe("127.0.0.1", 1, 100, 100, unreachable)).resolves.toMatchObject({ state: "filtered", reason: "host-unreach" });
  });

  it("sizes the probe budget to half the open-files limit, at most MAX_PROBE_SOCKETS", () => {
    const header = "Limit                     Soft Limit           Hard Limit           Units";
    const limits = (soft: string) => `${header}\nMax open files            ${soft}                ${soft}                files\n`;
    expect(probeSocketBudget(limits("1024"))).toBe(512);
    expect(probeSocketBudget(limits("1048576"))).toBe(MAX_PROBE_SOCKETS);
    expect(probeSocketBudget(limits("unlimited"))).toBe(MAX_PROBE_SOCKETS);
    expect(probeSocketBudget(limits("10"))).toBe(16);
    expect(probeSocketBudget(null)).toBe(MAX_PROBE_SOCKETS);
  });
});
