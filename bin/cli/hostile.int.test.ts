// The CLI against the lab's hostile clients (lab up --hostile): bounded time, bounded memory, clear findings.
import { execFile } from "node:child_process";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { expected, observed, readManifest, type LabManifest } from "../../lab";
import { canarySyns } from "../../lab/canary";
import { HOSTILE_SCENARIOS } from "../../lab/hostile-scenarios";
import { CANARY_IP } from "../../lab/addresses";
import { reportSchema, type Report } from "../../lib/report/schema";
import { IDLE_FLOOR_MS } from "../../lib/ssh/patience";

const CLI = join(__dirname, "..", "rerun-doctor");
const TIMEOUT_MS = 1500;
/** Resource bound, not a timing: 100 MB of output and a 50 MB override must not be held whole. */
const MAX_RSS_KB = 300 * 1024;

let lab: LabManifest;
let report: Report;
let wallMs = 0;
let synsBefore = 0;
let peakRssKb = 0;

beforeAll(async () => {
  lab = readManifest();
  synsBefore = await canarySyns();
  const started = performance.now();
  const { stdout, stderr } = await new Promise<{ stdout: string; stderr: string }>((resolve) => {
    const args = ["-f", "%M", CLI, "check", "--inventory", lab.inventoryFile, "--format", "json", "--timeout-ms", String(TIMEOUT_MS)];
    execFile("/usr/bin/time", args, { maxBuffer: 64 * 1024 * 1024, timeout: 300_000 }, (_err, out, err) =>
      resolve({ stdout: String(out), stderr: String(err) }),
    );
  });
  wallMs = performance.now() - started;
  peakRssKb = Number(/(\d+)\s*$/.exec(stderr)?.[1]);
  report = reportSchema.parse(JSON.parse(stdout));
  console.log(`hostile lab: ${report.clients.length} clients in ${Math.round(wallMs)} ms, peak RSS ${Math.round(peakRssKb / 1024)} MB`);
}, 600_000);

const get = (name: string) => {
  const c = report.clients.find((x) => x.name === name);
  if (!c) throw new Error(`no ${name} in the report: bring the lab up with --hostile`);
  return c;
};
const detail = (name: string, code: string) => get(name).findings.find((f) => f.code === code)?.detail ?? `(no ${code})`;

describe("rerun-doctor check with hostile clients in the fleet", () => {
  it("finishes, stays under the memory bound, and gives up on the hung command after its silence budgets", () => {
    expect(lab.clients.filter((c) => c.name.startsWith("hostile-"))).toHaveLength(HOSTILE_SCENARIOS.length);
    expect(report.finishedAt).not.toBeNull();
    expect(peakRssKb).toBeGreaterThan(10_000);
    expect(peakRssKb).toBeLessThan(MAX_RSS_KB);
    // Budgets come from what was measured of that host (its login), doubled on the retry.
    const hung = get("hostile-cmd-hangs").timings!;
    expect(hung.attempts).toBe(2);
    expect(hung.idleBudgetMs).toBeGreaterThanOrEqual(2 * IDLE_FLOOR_MS);
    expect(get("hostile-cmd-hangs").durationMs).toBeGreaterThanOrEqual(hung.idleBudgetMs! * 1.5);
  });

  it("gives every client, hostile or not, the verdict and codes its scenario expects", () => {
    expect(report.clients.map((c) => c.name)).toEqual(lab.clients.map((c) => c.name));
    for (const c of lab.clients) {
      const got = get(c.name);
      expect({ name: c.name, ...observed(got) }).toEqual({ name: c.name, ...expected(c.expect) });
    }
  });

  it("says what happened, in the finding's own words", () => {
    expect(detail("hostile-cmd-hangs", "COLLECT_FAILED")).toMatch(
      /went silent for \d+ ms during its \\"start\\" step \(0 bytes read\); retried once with doubled patience/,
    );
    expect(detail("hostile-output-dropped", "COLLECT_FAILED")).toMatch(
      /connection dropped before the collect command finished \(\d+ bytes read\)/,
    );
    expect(detail("hostile-output-flood", "COLLECT_FAILED")).toMatch(/printed more than 512 KB \(524288 bytes\)/);
    expect(get("hostile-override-huge").findings[0]?.title).toMatch(/52428800 bytes, truncated/);
    expect(detail("hostile-override-huge", "OVERRIDE_INVALID").length).toBeLessThan(2_000);
    expect(detail("hostile-override-binary", "OVERRIDE_INVALID")).toContain('holds "\\x1b[2J\\x1b[1;31mPWNED\\x1b[0m\\x07\\x00\\x01');
    expect(detail("hostile-metadata-slow", "METADATA_UNREACHABLE")).toMatch(/no answer within its 1 s budget/);
    expect(detail("hostile-metadata-redirect", "ADVERTISED_IP_UNDETERMINED")).toMatch(
      /token PUT: HTTP 301; tokenless GET public-ipv4: HTTP 301; public-ipv4: HTTP 301/,
    );
    expect(detail("hostile-sshd-resets", "SSH_UNREACHABLE")).toMatch(/reset \(RST\)/);
  });

  it("never aims a probe at an address only a lying client vouches for: the canary saw no SYN", async () => {
    expect(await canarySyns()).toBe(synsBefore);
    const liar = get("hostile-fake-addresses");
    expect(liar.advertisedIp).toBe(CANARY_IP);
    expect(liar.probedAddress).toBeNull();
    expect(liar.facts?.interfaces).toContain(CANARY_IP);
    expect(detail("hostile-fake-addresses", "RERUN_PORTS_NOT_PROBED")).toMatch(/only the client itself reports/);
  });

  it("never puts a raw control byte of a remote value into the report", () => {
    const json = JSON.stringify(report);
    expect(json).not.toMatch(/\\u001b|\\u0000|\\u0007/);
    expect(json.length).toBeLessThan(2 * 1024 * 1024);
  });
});
