import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { clientPaths } from "../../lab/state";
import { expected, observed, readManifest, type LabManifest } from "../../lab";
import { reportSchema, type Report } from "../../lib/report/schema";

const run = promisify(execFile);
const CLI = join(__dirname, "..", "rerun-doctor");
const TIMEOUT_MS = 1500;

async function check(args: string[]): Promise<{ code: number; stdout: string; stderr: string; ms: number }> {
  const started = performance.now();
  try {
    const { stdout, stderr } = await run(CLI, ["check", ...args], { maxBuffer: 64 * 1024 * 1024, timeout: 300_000 });
    return { code: 0, stdout, stderr, ms: performance.now() - started };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr, ms: performance.now() - started };
  }
}

const scratch = mkdtempSync(join(tmpdir(), "rd-int-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

let lab: LabManifest;
let report: Report;
let wallMs: number;
const logSizes = new Map<string, number>();

beforeAll(async () => {
  lab = readManifest();
  for (const c of lab.clients) logSizes.set(c.name, readFileSync(clientPaths(c).sshdLog, "utf8").length);
  const result = await check(["--inventory", lab.inventoryFile, "--format", "json", "--timeout-ms", String(TIMEOUT_MS)]);
  expect(result.code, result.stderr).toBe(1);
  report = reportSchema.parse(JSON.parse(result.stdout));
  wallMs = result.ms;
  console.log(`rerun-doctor check over ${report.clients.length} lab clients: ${Math.round(wallMs)} ms wall`);
}, 600_000);

describe("rerun-doctor check against the lab", () => {
  it("gives every scenario the verdict and finding codes it calls for", () => {
    expect(report.clients.map((c) => c.name)).toEqual(lab.clients.map((c) => c.name));
    for (const client of lab.clients) {
      const got = report.clients.find((c) => c.name === client.name)!;
      expect({ name: client.name, ...observed(got) }).toEqual({ name: client.name, ...expected(client.expect) });
    }
  });

  it("derives the advertised IP as outer does and counts the probed rerun range", () => {
    const byName = (name: string) => report.clients.find((c) => c.name === name)!;
    const lab1 = lab.clients.find((c) => c.name === "healthy-imdsv1")!;
    expect(byName("healthy-imdsv1")).toMatchObject({
      advertisedIp: lab1.publicIp,
      advertisedIpSource: "metadata",
      ports: { open: 0, closed: 1001, filtered: 0 },
    });
    const blocked = lab.clients.find((c) => c.name === "metadata-blocked-override")!;
    expect(byName("metadata-blocked-override")).toMatchObject({ advertisedIp: blocked.privateIp, advertisedIpSource: "override" });
    expect(byName("sg-drops-part").ports).toEqual({ open: 0, closed: 501, filtered: 500 });
    expect(byName("rerun-job-running").ports).toEqual({ open: 1, closed: 1000, filtered: 0 });
    expect(byName("rerun-job-running").banners[0]?.banner).toMatch(/^SSH-2\.0-OpenSSH/);
    expect(byName("imdsv2-empty-override")).toMatchObject({ advertisedIp: null, advertisedIpSource: "override" });
    const nat = byName("override-nat-gateway").findings.find((f) => f.code === "OVERRIDE_STALE");
    expect(nat?.title).toContain("NAT gateway");
  });

  it("stops at a changed host key before authenticating: the sshd logs no login attempt", () => {
    const client = lab.clients.find((c) => c.name === "host-key-changed")!;
    const log = readFileSync(clientPaths(client).sshdLog, "utf8").slice(logSizes.get(client.name));
    expect(log).toMatch(/Connection from 198\.51\.100\.1 /);
    expect(log).not.toMatch(/Accepted|Failed publickey|Postponed|authenticating user/);
    const finding = report.clients.find((c) => c.name === "host-key-changed")!.findings[0]!;
    expect(finding.detail).toMatch(/SHA256:/);
  });

  it("ends a client whose sshd never speaks as unknown after its banner budget and one retry, and the run completes", () => {
    const silent = report.clients.find((c) => c.name === "sshd-silent")!;
    expect(silent.verdict).toBe("unknown");
    expect(silent.timings).toMatchObject({
      attempts: 2,
      retried: expect.stringMatching(/sent no SSH banner within \d+ ms( \(the other clients' banners came within \d+ ms\))?$/),
    });
    expect(silent.findings[0]!.detail).toMatch(/sent no SSH banner within \d+ ms, on the retry over a new connection/);
    expect(report.finishedAt).not.toBeNull();
  });

  it("exits 0 on a fleet whose reruns all work, and renders table and Markdown", async () => {
    const dir = scratch;
    const healthy = lab.clients.filter((c) => c.scenario === "healthy-imdsv1").slice(0, 3);
    const inventory = readFileSync(lab.inventoryFile, "utf8").replace(
      /clients:[\s\S]*$/,
      `clients:\n${healthy.map((c) => `  - { name: ${c.name}, host: ${c.privateIp} }`).join("\n")}\n`,
    );
    writeFileSync(join(dir, "ok.yaml"), inventory);
    const table = await check(["--inventory", join(dir, "ok.yaml")]);
    expect(table.code, table.stderr).toBe(0);
    expect(table.stdout).toMatch(new RegExp(`${healthy[0]!.name}\\s+ok\\s+${healthy[0]!.publicIp!.replace(/\./g, "\\.")} \\(metadata\\)`));
    const markdown = await check(["--inventory", join(dir, "ok.yaml"), "--format", "markdown"]);
    expect(markdown.code).toBe(0);
    expect(markdown.stdout).toMatch(/^# /m);
    expect(markdown.stdout).toContain(`| ${healthy[1]!.name} |`);
  });

  it("exits 2 naming file, line and field for an invalid inventory", async () => {
    const dir = scratch;
    writeFileSync(join(dir, "bad.yaml"), "ssh:\n  identityFile: /nonexistent\nclients:\n  - name: a\n    host: '$(reboot)'\n");
    const result = await check(["--inventory", join(dir, "bad.yaml")]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("bad.yaml:5: clients[0].host: must be a host name or an IP address");
    expect((await check(["--inventory", join(dir, "missing.yaml")])).code).toBe(2);
  });
});
