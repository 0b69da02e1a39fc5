// The collect script cleans up after a cut session; assumes `npm run lab -- up --hostile` ran.
import { spawn } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { readManifest } from "../../lab";
import { waitFor } from "../../lab/exec";
import { COLLECT_SCRIPT } from "./script";

const lab = readManifest();
// The lab's clients share this machine's /tmp: a TMPDIR of our own shows what the script leaves.
const scratch = mkdtempSync(join(tmpdir(), "rd-cut-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe("a collect whose session is cut", () => {
  it("removes its temp dir (metadata answers, an IMDS token) when the dashboard goes away mid-command", async () => {
    const client = lab.clients.find((c) => c.name === "hostile-metadata-slow");
    if (!client) throw new Error("the lab has no hostile-metadata-slow; bring it up with --hostile");
    const args = ["-i", lab.identityFile, "-o", "BatchMode=yes", "-o", `UserKnownHostsFile=${lab.knownHostsFile}`, "-F", "/dev/null"];
    const ssh = spawn("ssh", [...args, `root@${client.privateIp}`, `TMPDIR=${scratch} sh -s`], { stdio: ["pipe", "pipe", "ignore"] });
    let out = "";
    ssh.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
    ssh.stdin.end(COLLECT_SCRIPT);
    try {
      // The script now waits on the slow metadata service: cut the session as a killed dashboard would.
      expect(await waitFor(() => out.includes("rd-step metadata"), 20_000), out).toBe(true);
      expect(readdirSync(scratch)).toHaveLength(1);
    } finally {
      ssh.kill("SIGKILL");
    }
    // A bound against a hang: the script's next write after the cut ends it.
    expect(await waitFor(() => readdirSync(scratch).length === 0, 20_000)).toBe(true);
  });
});
