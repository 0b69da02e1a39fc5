// Proves the hostile clients (lab up --hostile) misbehave as named, with OpenSSH and curl only.
import { execFile } from "node:child_process";
import { describe, expect, it } from "vitest";
import { connect } from "node:net";
import { canarySyns } from "./canary";
import { FLOOD_BYTES, HUGE_OVERRIDE_BYTES } from "./hostile-scenarios";
import { CANARY_IP } from "./addresses";
import { readManifest } from "./state";
import type { LabClient } from "./types";

const lab = readManifest();
const client = (name: string): LabClient => {
  const c = lab.clients.find((x) => x.name === name);
  if (!c) throw new Error(`the lab has no client ${name}; bring it up with --hostile`);
  return c;
};

interface Out {
  code: number;
  stdout: string;
  stderr: string;
  ms: number;
}

/** `ssh ... COMMAND | tail` through sh, so 100 MB never lands in this process. */
function ssh(c: LabClient, command: string, pipe = "cat", timeoutMs = 20_000): Promise<Out> {
  const opts =
    `-i ${lab.identityFile} -o BatchMode=yes -o StrictHostKeyChecking=yes -o UserKnownHostsFile=${lab.knownHostsFile} -o ` +
    `ConnectTimeout=3 -o LogLevel=ERROR -F /dev/null`;
  // timeout(1) kills ssh itself: killing only the shell would orphan a connected ssh.
  const line = `timeout -s KILL ${timeoutMs / 1000} ssh ${opts} root@${c.privateIp} "$1" | ${pipe}`;
  const started = performance.now();
  return new Promise((resolve) => {
    execFile(
      "bash",
      ["-o", "pipefail", "-c", line, "bash", command],
      { timeout: timeoutMs + 5_000, killSignal: "SIGKILL" },
      (err, stdout, stderr) => {
        const code = err ? (typeof err.code === "number" ? err.code : -1) : 0;
        resolve({ code, stdout: String(stdout), stderr: String(stderr), ms: performance.now() - started });
      },
    );
  });
}

const md = (path: string, format: string) => `curl -s -o /dev/null -m 5 -w '${format}' http://169.254.169.254/latest/meta-data/${path}`;

describe("hostile lab clients", () => {
  it("hostile-cmd-hangs authenticates, then never finishes the command", async () => {
    const r = await ssh(client("hostile-cmd-hangs"), "echo never-printed", "cat", 3_000);
    expect([r.code, r.stdout]).toEqual([137, ""]);
    expect(r.ms).toBeGreaterThanOrEqual(2_900);
  });

  it("hostile-output-dropped prints the start of an output, then the connection drops", async () => {
    const r = await ssh(client("hostile-output-dropped"), "true");
    expect(r.code).toBe(255);
    expect(r.stdout.startsWith("rd-begin 2\ntool curl\n")).toBe(true);
    expect(r.stdout.length).toBeLessThan(30_000);
  });

  it("hostile-output-flood prints exactly 100 MB whatever is asked", async () => {
    const r = await ssh(client("hostile-output-flood"), "true", "wc -c");
    expect([r.code, Number(r.stdout.trim())]).toEqual([0, FLOOD_BYTES]);
  });

  it("hostile-override-huge holds a 50 MB override", async () => {
    const r = await ssh(client("hostile-override-huge"), "stat -c %s /etc/circleci/public-ipv4");
    expect(Number(r.stdout.trim())).toBe(HUGE_OVERRIDE_BYTES);
  });

  it("hostile-metadata-slow answers right, after 3 s", async () => {
    const r = await ssh(client("hostile-metadata-slow"), md("instance-id", "%{http_code} %{time_total}"));
    const [status, seconds] = r.stdout.split(" ");
    expect(status).toBe("200");
    expect(Number(seconds)).toBeGreaterThanOrEqual(2.9);
  });

  it("hostile-metadata-redirect answers 301 to elsewhere", async () => {
    const r = await ssh(client("hostile-metadata-redirect"), md("public-ipv4", "%{http_code} %{redirect_url}"));
    expect(r.stdout).toBe("301 http://169.254.169.254/moved/latest/meta-data/public-ipv4");
  });

  it("hostile-fake-addresses claims the canary's address in ip, metadata and its override, and the canary counts SYNs", async () => {
    const liar = client("hostile-fake-addresses");
    expect((await ssh(liar, "ip -4 -o addr show")).stdout).toContain(`inet ${CANARY_IP}/32`);
    expect((await ssh(liar, "curl -s -m 5 http://169.254.169.254/latest/meta-data/public-ipv4")).stdout).toBe(CANARY_IP);
    expect((await ssh(liar, "cat /etc/circleci/public-ipv4")).stdout.trim()).toBe(CANARY_IP);
    // The canary is reachable from the dashboard and counts what reaches it: the product test's zero means something.
    const before = await canarySyns();
    await new Promise<void>((resolve) => {
      const probe = connect(64535, CANARY_IP);
      probe.on("error", () => resolve()).on("connect", () => (probe.destroy(), resolve()));
    });
    expect(await canarySyns()).toBe(before + 1);
  });

  it("hostile-sshd-resets resets the connection before any banner", async () => {
    const r = await ssh(client("hostile-sshd-resets"), "true");
    expect(r.code).toBe(255);
    expect(r.stderr).toMatch(/Connection reset by peer/);
  });
});
