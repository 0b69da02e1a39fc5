// The lab's GCP, Azure and bare-metal clients answer as those platforms do; assumes `npm run lab -- up` ran.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";
import { readManifest, type LabClient, type LabManifest } from "./index";

const run = promisify(execFile);
let lab: LabManifest;
const client = (name: string): LabClient => {
  const c = lab.clients.find((x) => x.name === name);
  if (!c) throw new Error(`the lab has no client ${name}; bring it up with every scenario`);
  return c;
};

/** Runs `command` in the client's namespace, as its sessions would (curl -m 1: bounded). */
async function inside(c: LabClient, command: string): Promise<string> {
  const { stdout } = await run("ip", ["netns", "exec", c.namespace, "sh", "-c", command], { timeout: 20_000 });
  return stdout;
}

const GCP = "http://169.254.169.254/computeMetadata/v1/instance/network-interfaces/0";
const curl = (args: string) => `curl -s -m 1 -o /dev/null -D - -w 'CODE %{http_code} EXIT %{exitcode}\\n' ${args}; true`;

beforeAll(() => {
  lab = readManifest();
});

describe("lab clouds", () => {
  it("GCP answers with Metadata-Flavor: Google, 403 without the header, 404 for AWS's paths", async () => {
    const c = client("gcp-external-ip");
    const external = await inside(c, curl(`-H 'Metadata-Flavor: Google' ${GCP}/access-configs/0/external-ip`));
    expect(external).toMatch(/CODE 200/);
    expect(external).toMatch(/^Metadata-Flavor: Google/im);
    expect(await inside(c, `curl -s -m 1 -H 'Metadata-Flavor: Google' ${GCP}/access-configs/0/external-ip`)).toBe(c.publicIp);
    expect(await inside(c, curl(`${GCP}/ip`))).toMatch(/CODE 403/);
    expect(await inside(c, curl("-X PUT -H 'X-aws-ec2-metadata-token-ttl-seconds: 60' http://169.254.169.254/latest/api/token"))).toMatch(
      /CODE 404/,
    );
  });

  it("GCP without an external IP: 404 there, its VPC address as the internal IP and on `ip`", async () => {
    const c = client("gcp-private-override");
    expect(await inside(c, curl(`-H 'Metadata-Flavor: Google' ${GCP}/access-configs/0/external-ip`))).toMatch(/CODE 404/);
    expect(await inside(c, `curl -s -m 1 -H 'Metadata-Flavor: Google' ${GCP}/ip`)).toBe(c.vpcAddress);
    // `ip` is faked in the client's SSH sessions only (a bind mount over /usr/local/sbin); the namespace holds no 10.x.
    expect(await inside(c, "ip -4 -o addr show")).not.toContain(c.vpcAddress ?? "none");
  });

  it("Azure answers its network JSON with Metadata: true (publicIpAddress empty), 400 without", async () => {
    const c = client("azure-no-override");
    const url = "'http://169.254.169.254/metadata/instance/network?api-version=2021-02-01'";
    const body = JSON.parse(await inside(c, `curl -s -m 1 -H 'Metadata: true' ${url}`)) as {
      interface: { ipv4: { ipAddress: { privateIpAddress: string; publicIpAddress: string }[] } }[];
    };
    expect(body.interface[0]?.ipv4.ipAddress[0]).toEqual({ privateIpAddress: c.privateIp, publicIpAddress: "" });
    expect(await inside(c, curl(url))).toMatch(/CODE 400/);
  });

  it("bare metal refuses 169.254.169.254 at once (curl exit 7), unlike a blocked one (exit 28)", async () => {
    expect(await inside(client("bare-metal-no-override"), curl("http://169.254.169.254/latest/api/token"))).toMatch(/CODE 000 EXIT 7/);
    expect(await inside(client("metadata-blocked"), curl("http://169.254.169.254/latest/api/token"))).toMatch(/CODE 000 EXIT 28/);
  });

  it("override-older-than-boot's file is older than the machine's boot time", async () => {
    const out = await inside(
      client("override-older-than-boot"),
      "stat -c %Y /etc/circleci/public-ipv4; awk '$1 == \"btime\" {print $2}' /proc/stat",
    );
    const [mtime, btime] = out.trim().split("\n").map(Number) as [number, number];
    expect(mtime).toBeLessThan(btime);
  });
});
