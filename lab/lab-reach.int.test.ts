// Proves the lab's reach parts faithful with OpenSSH, bash and nmap only; assumes `npm run lab -- up --reach` ran.
import { execFile } from "node:child_process";
import { beforeAll, describe, expect, it } from "vitest";
import { readManifest } from "./state";
import type { LabClient, LabManifest, LabReach } from "./types";
import { reachNode } from "./reach";

interface Out {
  code: number;
  stdout: string;
  stderr: string;
}

function sh(cmd: string, args: string[], timeoutMs = 30_000): Promise<Out> {
  return new Promise((resolve) => {
    execFile(cmd, args, { timeout: timeoutMs, killSignal: "SIGKILL" }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === "number" ? err.code : -1) : 0, stdout: String(stdout), stderr: String(stderr) });
    });
  });
}

let lab: LabManifest;
let reach: LabReach;
const node = (name: string): LabClient => reachNode(reach, name);
const ssh = (c: LabClient, command: string, port = 22): Promise<Out> =>
  sh("ssh", [
    "-F",
    "/dev/null",
    "-i",
    lab.identityFile,
    "-o",
    "BatchMode=yes",
    "-o",
    "StrictHostKeyChecking=yes",
    "-o",
    `UserKnownHostsFile=${lab.knownHostsFile}`,
    "-o",
    "ConnectTimeout=3",
    "-o",
    "LogLevel=ERROR",
    "-p",
    String(port),
    `root@${c.privateIp}`,
    command,
  ]);

/** "open" or "closed" or "filtered", as bash's /dev/tcp sees it from inside a session (2 s bound). */
const TCP = (ip: string, port: number): string =>
  `timeout 2 bash -c 'exec 3<>/dev/tcp/${ip}/${port}' 2>/dev/null; r=$?; if [ $r = 0 ]; then echo open; elif [ $r = 124 ]; then echo ` +
  `filtered; else echo closed; fi`;

/** Port -> state from nmap's normal output (-sT, no ping), for a few ports. */
function nmapStates(stdout: string): Map<number, string> {
  const states = new Map<number, string>();
  for (const m of stdout.matchAll(/^(\d+)\/tcp\s+(\S+)/gm)) states.set(Number(m[1]), m[2] as string);
  return states;
}
const NMAP = ["nmap", "-Pn", "-sT", "-n", "--max-retries", "0", "--host-timeout", "20s", "-p"];

beforeAll(() => {
  lab = readManifest();
  if (!lab.reach) throw new Error("the lab has no reach parts: bring it up with npm run lab -- up --reach");
  reach = lab.reach;
});

describe("the reach lab, seen with OpenSSH and nmap", () => {
  it("gives no reach namespace a default route", async () => {
    for (const n of reach.nodes) {
      const r = await sh("ip", ["-n", n.node.namespace, "-4", "route", "show", "default"]);
      expect(r.stdout.trim(), n.node.name).toBe("");
    }
  });

  it("logs in to the vantage, the VMs (22 and 54782) and the reach clients with the admin key and a pinned host key", async () => {
    for (const n of reach.nodes.filter((x) => x.node.sshd === "running"))
      expect((await ssh(n.node, "echo ok")).stdout.trim(), n.node.name).toBe("ok");
    expect((await ssh(node(reach.vmOpen), "echo ok", 54782)).stdout.trim()).toBe("ok");
  });

  it("filters the rerun range of one client from the vantage only", async () => {
    const target = node(reach.vantageFiltered).publicIp ?? "";
    const fromVantage = await ssh(node(reach.vantage), `${NMAP.join(" ")} 64535,64784,65535 ${target}`);
    expect(fromVantage.code, fromVantage.stderr).toBe(0);
    expect([...nmapStates(fromVantage.stdout).values()]).toEqual(["filtered", "filtered", "filtered"]);
    const fromDashboard = await sh(NMAP[0]!, [...NMAP.slice(1), "64535,64784,65535", target]);
    expect([...nmapStates(fromDashboard.stdout).values()]).toEqual(["closed", "closed", "closed"]);
    const healthy = await ssh(node(reach.vantage), `${NMAP.join(" ")} 64535,65535 ${node(reach.healthy).publicIp}`);
    expect([...nmapStates(healthy.stdout).values()]).toEqual(["closed", "closed"]);
  });

  it("serves 4647, 8585 and 3000 on the services host, and drops 8585 from one client only", async () => {
    const svc = node(reach.services).privateIp;
    const probe = (c: LabClient) => ssh(c, [4647, 8585, 3000].map((p) => TCP(svc, p)).join("; "));
    expect((await probe(node(reach.healthy))).stdout.trim().split("\n")).toEqual(["open", "open", "open"]);
    expect((await probe(node(reach.servicesBlocked))).stdout.trim().split("\n")).toEqual(["open", "filtered", "open"]);
  });

  it("drops 54782 on one VM from the dashboard and the vantage, while 22 and 2376 answer from the clients", async () => {
    const blocked = node(reach.vmBlocked).privateIp;
    const open = node(reach.vmOpen).privateIp;
    const dash = await sh(NMAP[0]!, [...NMAP.slice(1), "22,2376,54782", blocked]);
    expect(Object.fromEntries(nmapStates(dash.stdout))).toEqual({ 22: "open", 2376: "open", 54782: "filtered" });
    const dashOpen = await sh(NMAP[0]!, [...NMAP.slice(1), "22,2376,54782", open]);
    expect(Object.fromEntries(nmapStates(dashOpen.stdout))).toEqual({ 22: "open", 2376: "open", 54782: "open" });
    expect((await ssh(node(reach.vantage), TCP(blocked, 54782))).stdout.trim()).toBe("filtered");
    expect((await ssh(node(reach.healthy), `${TCP(blocked, 22)}; ${TCP(blocked, 2376)}`)).stdout.trim().split("\n")).toEqual([
      "open",
      "open",
    ]);
  });

  it("shows the Podman client's sessions a podman and no docker, and the others docker", async () => {
    const podman = await ssh(
      node(reach.podman),
      "command -v podman; podman --version; docker --version >/dev/null 2>&1 || echo no-docker; [ -x /usr/local/bin/docker ] || echo " +
        "not-executable",
    );
    expect(podman.stdout.trim().split("\n")).toEqual(["/usr/local/sbin/podman", "podman version 4.9.3", "no-docker", "not-executable"]);
    const healthy = await ssh(node(reach.healthy), 'command -v podman || echo no-podman; [ -x "$(command -v docker)" ] && echo docker');
    expect(healthy.stdout.trim().split("\n")).toEqual(["no-podman", "docker"]);
  });
});
