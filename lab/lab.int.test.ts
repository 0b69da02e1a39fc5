// Proves the lab faithful with OpenSSH, curl and nmap only; assumes `npm run lab -- up` ran.
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { LabClient, LabManifest } from "./types";

interface Out {
  code: number;
  stdout: string;
  stderr: string;
}

function sh(cmd: string, args: string[], timeoutMs = 20_000): Promise<Out> {
  return new Promise((resolve) => {
    execFile(cmd, args, { timeout: timeoutMs, killSignal: "SIGKILL" }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === "number" ? err.code : -1) : 0, stdout: String(stdout), stderr: String(stderr) });
    });
  });
}

async function pool<T, R>(items: T[], limit: number, fn: (t: T) => Promise<R>): Promise<R[]> {
  const out: R[] = [];
  let next = 0;
  const work = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: limit }, work));
  return out;
}

const dir = process.env.RERUN_DOCTOR_LAB_DIR || "/tmp/rerun-doctor-lab";
let lab: LabManifest;
const client = (name: string): LabClient => {
  const c = lab.clients.find((x) => x.name === name);
  if (!c) throw new Error(`the lab has no client ${name}; bring it up with every scenario`);
  return c;
};
const ssh = (c: LabClient, command: string): Promise<Out> =>
  sh("ssh", [
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
    "-F",
    "/dev/null",
    `root@${c.privateIp}`,
    command,
  ]);

/** What the lab's IMDS answers for public-ipv4: a lying client claims its fake address there too. */
const advertisedByImds = (c: LabClient) => {
  const claimed = c.fakeAddress ?? c.publicIp;
  return claimed === null ? ["404", ""] : ["200", claimed];
};

const MD = "http://169.254.169.254/latest";
/** Prints KEY=VALUE lines; the override travels base64-encoded so any bytes survive. */
const PROBE = [
  "F=/etc/circleci/public-ipv4",
  'if [ -e $F ]; then echo "OVERRIDE=$(base64 -w0 $F)"; else echo "OVERRIDE_ERR=$(cat $F 2>&1)"; fi',
  `T=$(curl -s -m 1 -X PUT -H 'X-aws-ec2-metadata-token-ttl-seconds: 60' ${MD}/api/token); echo "PUT_EXIT=$?"`,
  `echo "NOTOKEN=$(curl -s -m 1 -o /dev/null -w '%{http_code}' ${MD}/meta-data/instance-id)"; `,
  `curl -s -m 1 -o /dev/null ${MD}/meta-data/instance-id; echo "NOTOKEN_EXIT=$?"`,
  `echo "TOKEN=$(curl -s -m 1 -o /dev/null -w '%{http_code}' -H "X-aws-ec2-metadata-token: $T" ${MD}/meta-data/instance-id)"`,
  `echo "INSTANCE=$(curl -s -m 1 -H "X-aws-ec2-metadata-token: $T" ${MD}/meta-data/instance-id)"`,
  `echo "PUBLIC_CODE=$(curl -s -m 1 -o /dev/null -w '%{http_code}' -H "X-aws-ec2-metadata-token: $T" ${MD}/meta-data/public-ipv4)"`,
  `echo "PUBLIC=$(curl -sf -m 1 -H "X-aws-ec2-metadata-token: $T" ${MD}/meta-data/public-ipv4)"`,
].join("\n");

function parseKv(text: string): Record<string, string> {
  return Object.fromEntries(
    text
      .split("\n")
      .filter((l) => l.includes("="))
      .map((l) => [l.slice(0, l.indexOf("=")), l.slice(l.indexOf("=") + 1)]),
  );
}

/** Port -> state from nmap's normal output, filling ports folded into "Not shown". */
async function nmap(ip: string, ports: string): Promise<Map<number, string>> {
  const r = await sh("nmap", ["-Pn", "-sT", "-p", ports, ip], 60_000);
  expect(r.code, r.stderr).toBe(0);
  const states = new Map<number, string>();
  for (const m of r.stdout.matchAll(/^(\d+)\/tcp\s+(\S+)/gm)) states.set(Number(m[1]), m[2] as string);
  const folded = /Not shown: \d+ (\w+)/.exec(r.stdout)?.[1];
  const [from, to] = ports.split("-").map(Number) as [number, number];
  for (let p = from; p <= (to ?? from); p++) if (!states.has(p) && folded) states.set(p, folded);
  return states;
}

beforeAll(() => {
  lab = JSON.parse(readFileSync(join(dir, "lab.json"), "utf8")) as LabManifest;
});

describe("lab clients over SSH", () => {
  it("every client with a working sshd shows its override and a faithful IMDS", async () => {
    const reachable = lab.clients.filter(
      (c) =>
        c.sshd === "running" && !c.hostKeyChanged && !c.authRefused && !c.noCurl && !c.forceCommand && !c.imdsFault && !c.overrideFillBytes,
    );
    expect(reachable.length).toBeGreaterThanOrEqual(13);
    const results = await pool(reachable, 8, async (c) => ({ c, r: await ssh(c, PROBE) }));
    for (const { c, r } of results) {
      expect(r.code, `${c.name}: ${r.stderr}`).toBe(0);
      const kv = parseKv(r.stdout);
      if (c.override === null) expect(kv.OVERRIDE_ERR, c.name).toContain("No such file");
      else expect(Buffer.from(kv.OVERRIDE ?? "", "base64").toString("utf8"), c.name).toBe(c.override);
      if (c.imds !== "v1" && c.imds !== "v2-required") continue; // GCP, Azure, none: lab-cloud.int.test.ts
      if (c.metadataBlocked) {
        expect([kv.PUT_EXIT, kv.NOTOKEN_EXIT, kv.NOTOKEN], c.name).toEqual(["28", "28", "000"]);
        continue;
      }
      expect(kv.NOTOKEN, c.name).toBe(c.imds === "v2-required" ? "401" : "200");
      expect([kv.PUT_EXIT, kv.TOKEN, kv.INSTANCE], c.name).toEqual(["0", "200", c.instanceId]);
      expect([kv.PUBLIC_CODE, kv.PUBLIC], c.name).toEqual(advertisedByImds(c));
    }
    const log = readFileSync(join(client("healthy-imdsv1").dir, "sshd.log"), "utf8");
    expect(log).toMatch(/Accepted publickey for root from 198\.51\.100\.1/);
  });

  it("wget-only hides curl from sessions and answers wget's IMDSv2 requests", async () => {
    const wget = (extra: string) => `wget -q -S -O - -T 1 -t 1 ${extra} 2>&1`;
    const r = await ssh(
      client("wget-only"),
      [
        'curl --version >/dev/null 2>&1 && echo "CURL=runs" || echo "CURL=absent"',
        `T=$(wget -q -O - -T 1 -t 1 --method=PUT --header='X-aws-ec2-metadata-token-ttl-seconds: 60' ${MD}/api/token)`,
        `echo "NOTOKEN=$(${wget(`${MD}/meta-data/instance-id`)} | awk '$1 ~ /^HTTP/ {print $2}')"`,
        `echo "INSTANCE=$(wget -q -O - -T 1 -t 1 --header="X-aws-ec2-metadata-token: $T" ${MD}/meta-data/instance-id)"`,
      ].join("\n"),
    );
    expect(r.code, r.stderr).toBe(0);
    const kv = parseKv(r.stdout);
    expect([kv.CURL, kv.NOTOKEN, kv.INSTANCE]).toEqual(["absent", "401", client("wget-only").instanceId]);
  });

  it("host-key-changed fails host key verification", async () => {
    const r = await ssh(client("host-key-changed"), "true");
    expect(r.code).toBe(255);
    expect(r.stderr).toMatch(/Host key verification failed/);
  });

  it("auth-refused refuses the admin's key", async () => {
    const r = await ssh(client("auth-refused"), "true");
    expect(r.code).toBe(255);
    expect(r.stderr).toMatch(/Permission denied \(publickey\)/);
  });

  it("sshd-down refuses the connection", async () => {
    const r = await ssh(client("sshd-down"), "true");
    expect(r.code).toBe(255);
    expect(r.stderr).toMatch(/Connection refused/);
  });

  it("sshd-silent times out during the banner exchange", async () => {
    const started = Date.now();
    const r = await ssh(client("sshd-silent"), "true");
    expect(r.code).toBe(255);
    expect(r.stderr).toMatch(/timed out/);
    expect(Date.now() - started).toBeGreaterThanOrEqual(2_500);
  });
});

describe("rerun ports from the dashboard's address", () => {
  it("sg-drops-rerun-range is filtered, a healthy client closed", async () => {
    const dropped = await nmap(client("sg-drops-rerun-range").publicIp as string, "64535-64545");
    const healthy = await nmap(client("healthy-imdsv1").publicIp as string, "64535-64545");
    expect(dropped.size).toBe(11);
    expect([...new Set(dropped.values())]).toEqual(["filtered"]);
    expect(healthy.size).toBe(11);
    expect([...new Set(healthy.values())]).toEqual(["closed"]);
  });

  it("sg-drops-part is closed below 65036 and filtered from it", async () => {
    const states = await nmap(client("sg-drops-part").publicIp as string, "65030-65040");
    for (let p = 65030; p <= 65040; p++) expect(states.get(p), String(p)).toBe(p < 65036 ? "closed" : "filtered");
  });

  it("rerun-job-running has 64784 open", async () => {
    const states = await nmap(client("rerun-job-running").publicIp as string, "64784");
    expect(states.get(64784)).toBe("open");
  });
});
