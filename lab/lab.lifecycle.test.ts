// Brings the lab up and down itself (with its own state dir); tears down any lab on this machine.
import { execFile } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { build } from "esbuild";
import { afterAll, describe, expect, it } from "vitest";
import { MAX_CLIENTS } from "./plan";
import { SCENARIOS } from "./scenarios";
import type { LabManifest } from "./types";

const ROOT = join(__dirname, "..");
const DIR = `/tmp/rerun-doctor-lab-lifecycle-${process.pid}`;
const TSX = join(ROOT, "node_modules", ".bin", "tsx");

interface Out {
  code: number;
  stdout: string;
  stderr: string;
  ms: number;
}

function sh(cmd: string, args: string[], opts: { env?: NodeJS.ProcessEnv; timeoutMs?: number; cwd?: string } = {}): Promise<Out> {
  const started = Date.now();
  return new Promise((resolve) => {
    execFile(
      cmd,
      args,
      { cwd: opts.cwd ?? ROOT, env: opts.env ?? process.env, timeout: opts.timeoutMs ?? 120_000, killSignal: "SIGKILL" },
      (err, stdout, stderr) =>
        resolve({
          code: err ? (typeof err.code === "number" ? err.code : -1) : 0,
          stdout: String(stdout),
          stderr: String(stderr),
          ms: Date.now() - started,
        }),
    );
  });
}

const lab = (...args: string[]): Promise<Out> => sh(TSX, ["lab/cli.ts", ...args], { env: { ...process.env, RERUN_DOCTOR_LAB_DIR: DIR } });
const manifest = (): LabManifest => JSON.parse(readFileSync(join(DIR, "lab.json"), "utf8")) as LabManifest;
const sshTrue = (m: LabManifest, ip: string): Promise<Out> =>
  sh(
    "ssh",
    [
      "-F",
      "/dev/null",
      "-i",
      m.identityFile,
      "-o",
      "BatchMode=yes",
      "-o",
      "StrictHostKeyChecking=yes",
      "-o",
      `UserKnownHostsFile=${m.knownHostsFile}`,
      "-o",
      "ConnectTimeout=3",
      `root@${ip}`,
      "echo ok",
    ],
    { timeoutMs: 15_000 },
  );

function cmdlines(): string[] {
  const out: string[] = [];
  for (const p of readdirSync("/proc")) {
    if (!/^\d+$/.test(p) || Number(p) === process.pid) continue;
    try {
      out.push(readFileSync(`/proc/${p}/cmdline`, "utf8").replace(/\0/g, " "));
    } catch {
      // gone
    }
  }
  return out;
}

function inLabRange(dst: string): boolean {
  const [ip, len] = dst.split("/");
  return /^198\.51\.100\.\d+$/.test(ip ?? "") && Number(len ?? 32) >= 24;
}

async function expectNothingLeft(): Promise<void> {
  expect((await sh("ip", ["netns", "list"])).stdout).not.toMatch(/rdlab-/);
  expect((await sh("ip", ["-o", "link", "show"])).stdout).not.toMatch(/\b(rdlab0|rdlv\d+)\b/);
  const routes = JSON.parse((await sh("ip", ["-j", "-4", "route", "show", "table", "all"])).stdout) as { dst: string }[];
  expect(routes.filter((r) => inLabRange(r.dst))).toEqual([]);
  expect(cmdlines().filter((c) => c.includes(DIR) || c.includes("labd.py"))).toEqual([]);
  expect(existsSync("/etc/netns") ? readdirSync("/etc/netns").filter((n) => n.startsWith("rdlab-")) : []).toEqual([]);
  expect(existsSync(DIR)).toBe(false);
}

afterAll(async () => {
  await lab("down");
  rmSync(DIR, { recursive: true, force: true });
});

describe("lab lifecycle", () => {
  it("refuses bad arguments with exit 2 and non-root users with exit 1", async () => {
    const bad = await lab("up", "--scenario", "no-such-scenario");
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/unknown scenario: no-such-scenario; valid names: healthy-imdsv2/);
    // The checkout may sit in a folder only root can enter (mktemp -d, /root): nobody runs a bundle of the CLI.
    const shared = mkdtempSync(join(tmpdir(), "rd-lab-nobody-"));
    try {
      chmodSync(shared, 0o755);
      await build({
        entryPoints: [join(ROOT, "lab", "cli.ts")],
        bundle: true,
        platform: "node",
        format: "cjs",
        outfile: join(shared, "cli.cjs"),
        logLevel: "silent",
      });
      chmodSync(join(shared, "cli.cjs"), 0o644);
      const nobody = await sh(
        "setpriv",
        ["--reuid=65534", "--regid=65534", "--clear-groups", process.execPath, join(shared, "cli.cjs"), "up"],
        {
          env: { ...process.env, RERUN_DOCTOR_LAB_DIR: DIR, HOME: "/tmp" },
          cwd: shared,
        },
      );
      expect(nobody.stderr).toContain("the lab needs root (network namespaces, iptables): run it as root");
      expect(nobody.code).toBe(1);
    } finally {
      rmSync(shared, { recursive: true, force: true });
    }
  });

  // As many extras as the address plan holds beside every scenario, up to 100.
  const EXTRAS = Math.min(100, MAX_CLIENTS - SCENARIOS.length);
  const last = `healthy-${String(EXTRAS).padStart(3, "0")}`;

  it(`brings up every scenario plus ${EXTRAS} clients`, async () => {
    const r = await lab("up", "--clients", String(EXTRAS));
    expect(r.code, r.stderr).toBe(0);
    console.log(`lab up --clients ${EXTRAS}: ${Math.round(r.ms)} ms`);
    const m = manifest();
    expect(m.clients).toHaveLength(SCENARIOS.length + EXTRAS);
    // The n-th client gets .(n+1) and .(n+129); the last extra is client SCENARIOS.length + EXTRAS.
    const n = SCENARIOS.length + EXTRAS;
    expect(m.clients.at(-1)).toMatchObject({ name: last, privateIp: `198.51.100.${n + 1}`, publicIp: `198.51.100.${n + 129}` });
    for (const name of ["healthy-imdsv1", "healthy-050", last]) {
      const c = m.clients.find((x) => x.name === name);
      const ssh = await sshTrue(m, c?.privateIp ?? "");
      expect(ssh.stdout.trim(), `${name}: ${ssh.stderr}`).toBe("ok");
    }
  });

  it("comes up again over a running lab, reusing its keys", async () => {
    const before = readFileSync(join(DIR, "clients", "healthy-imdsv1", "ssh_host_ed25519_key.pub"), "utf8");
    const r = await lab("up");
    expect(r.code, r.stderr).toBe(0);
    const m = manifest();
    expect(m.clients).toHaveLength(SCENARIOS.length);
    expect(readFileSync(join(DIR, "clients", "healthy-imdsv1", "ssh_host_ed25519_key.pub"), "utf8")).toBe(before);
    expect(existsSync(join(DIR, "clients", "healthy-001"))).toBe(false);
    expect((await sshTrue(m, m.clients[1]?.privateIp ?? "")).stdout.trim()).toBe("ok");
    // One namespace per client, plus the canary's (rdlab-0), which counts SYNs aimed at it.
    expect((await sh("ip", ["netns", "list"])).stdout.match(/rdlab-\d+/g)).toHaveLength(SCENARIOS.length + 1);
  });

  it("goes down without a trace", async () => {
    const r = await lab("down");
    expect(r.code, r.stderr).toBe(0);
    await expectNothingLeft();
    const again = await lab("down");
    expect(again.code, again.stderr).toBe(0);
  });

  it("goes down after a crash that lost labd and the state dir, reach parts included", async () => {
    const r = await lab("up", "--scenario", "healthy-imdsv1", "--scenario", "sshd-silent", "--clients", "3", "--reach");
    expect(r.code, r.stderr).toBe(0);
    const reach = manifest().reach;
    expect(reach?.nodes.map((n) => n.node.namespace)).toEqual([
      "rdlab-6",
      "rdlab-7",
      "rdlab-8",
      "rdlab-9",
      "rdlab-10",
      "rdlab-11",
      "rdlab-12",
      "rdlab-13",
    ]);
    expect(existsSync(reach?.inventoryFile ?? "")).toBe(true);
    const vantage = reach?.nodes.find((n) => n.role === "vantage")?.node;
    expect((await sshTrue(manifest(), vantage?.privateIp ?? "")).stdout.trim()).toBe("ok");
    const pid = manifest().labdPid ?? 0;
    expect(pid).toBeGreaterThan(1);
    process.kill(pid, "SIGKILL");
    rmSync(DIR, { recursive: true, force: true });
    const d = await lab("down");
    expect(d.code, d.stderr).toBe(0);
    await expectNothingLeft();
  });
});
