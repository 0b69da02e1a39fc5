import { execFile, spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { connect, createServer as createTcpServer, type AddressInfo, type Server as TcpServer, type Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { oneLiners, ps1Script, shScript, userProbeBase } from "./user-probe-script";

const run = promisify(execFile);
const TOKEN = "Abcdefghijklmnopqrstuvwxyz0123456789_-ABCDE";

describe("the user probe's script is fixed text around a validated URL", () => {
  it.each(["http://x'; rm -rf ~; '", "https://a b", "http://$(id)", "ftp://host", "http://host/path"])(
    "refuses the origin %s",
    (origin) => {
      expect(() => userProbeBase(origin, TOKEN)).toThrow(/origin/);
    },
  );

  it("refuses a token that is not 43 base64url characters", () => {
    expect(() => userProbeBase("http://127.0.0.1:3000", `${TOKEN.slice(0, 42)}'`)).toThrow(/token/);
  });

  it("is the same text for every request but for its one quoted URL, and parses in dash", async () => {
    const base = userProbeBase("https://doctor.example.com", TOKEN);
    const other = userProbeBase("http://[::1]:3000", TOKEN.replace("A", "B"));
    expect(shScript(base).replace(base, "")).toBe(shScript(other).replace(other, ""));
    expect(ps1Script(base).replace(base, "")).toBe(ps1Script(other).replace(other, ""));
    expect(shScript(base).split(base)).toHaveLength(2);
    await run("dash", ["-n", "-c", shScript(base)]);
    expect(oneLiners(base).sh).toBe(`curl -fsS '${base}/script.sh' | sh`);
  });
});

/** A dashboard stand-in on loopback: serves the script's targets and keeps what it posts. */
let dashboard: Server;
let listening: TcpServer;
let closedPort = 0;
let posted: unknown[] = [];
let extraTargets = "";
let origin = "";
const scratch = mkdtempSync(join(tmpdir(), "rd-user-script-"));

beforeAll(async () => {
  listening = createTcpServer((s) => s.end()).listen(0, "127.0.0.1");
  const spare = createTcpServer().listen(0, "127.0.0.1");
  await Promise.all([listening, spare].map((s) => new Promise((r) => s.once("listening", r))));
  closedPort = (spare.address() as AddressInfo).port;
  await new Promise((r) => spare.close(r));
  const openPort = (listening.address() as AddressInfo).port;
  dashboard = createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString()));
    req.on("end", () => {
      if (req.url?.endsWith("/targets")) return res.end(`127.0.0.1 ${openPort}\n127.0.0.1 ${closedPort}\nnot a line\n${extraTargets}`);
      posted.push(JSON.parse(body));
      res.writeHead(201).end("{}");
    });
  }).listen(0, "127.0.0.1");
  await new Promise((r) => dashboard.once("listening", r));
  origin = `http://127.0.0.1:${(dashboard.address() as AddressInfo).port}`;
});

afterAll(() => {
  held.forEach((s) => s.destroy());
  silentListener?.kill();
  dashboard.close();
  listening.close();
  rmSync(scratch, { recursive: true, force: true });
});

/** A PATH of one dir with the script's basic tools plus `extra`: no bash or timeout, so it picks nc or curl. */
function shimBin(name: string, extra: string[]): string {
  const bin = join(scratch, name);
  mkdirSync(bin);
  for (const tool of ["curl", "mktemp", "rm", "wc", "cat", "awk", "sh", ...extra])
    symlinkSync(`/usr/bin/${tool === "sh" ? "dash" : tool}`, join(bin, tool));
  return bin;
}

/** A loopback port whose SYNs go unanswered: backlog 0, never accepting, its one slot held (Node always accepts). */
const held: Socket[] = [];
let silentListener: ChildProcess | undefined;
async function unansweredPort(): Promise<number> {
  silentListener = spawn("python3", [
    "-c",
    'import socket,time\ns=socket.socket();s.bind(("127.0.0.1",0));s.listen(0)\nprint(s.getsockname()[1],flush=True)\ntime.sleep(120)',
  ]);
  const out = silentListener.stdout!;
  const port = await new Promise<number>((resolve) => out.once("data", (d: Buffer) => resolve(Number(d.toString().trim()))));
  await new Promise<void>((resolve) => held.push(connect(port, "127.0.0.1", resolve)));
  return port;
}

async function runScript(path: string, extra = ""): Promise<{ tool: string; results: string[] }> {
  posted = [];
  extraTargets = extra;
  await run("/usr/bin/dash", ["-c", shScript(userProbeBase(origin, TOKEN))], { env: { ...process.env, PATH: path }, timeout: 30_000 });
  expect(posted).toHaveLength(1);
  return posted[0] as { tool: string; results: string[] };
}

describe("the sh script, run for real against loopback", () => {
  it("probes with bash's /dev/tcp: open where something listens, closed where nothing does, skipping malformed lines", async () => {
    const body = await runScript("/usr/bin:/bin");
    expect(body.tool).toBe("bash");
    const open = (listening.address() as AddressInfo).port;
    expect([...body.results].sort()).toEqual([`127.0.0.1 ${closedPort} closed conn-refused`, `127.0.0.1 ${open} open syn-ack`].sort());
  });

  it("falls back to curl's connect when bash, timeout and nc are missing, and never calls a reset it cannot tell filtered", async () => {
    const body = await runScript(shimBin("curl-only", []));
    expect(body.tool).toBe("curl");
    const open = (listening.address() as AddressInfo).port;
    // This curl says "Couldn't connect" for a reset and an ICMP unreachable alike: honest about not knowing.
    expect(body.results).toContain(`127.0.0.1 ${open} open syn-ack`);
    expect(body.results.find((r) => r.includes(` ${closedPort} `))).toMatch(/ (closed conn-refused|unknown undetermined)$/);
  });

  it("probes with nc -z when bash or timeout is missing: nc tells a refusal from a silence, so closed and filtered are named", async () => {
    const silent = await unansweredPort();
    const body = await runScript(shimBin("with-nc", ["nc"]), `127.0.0.1 ${silent}\n`);
    expect(body.tool).toBe("nc");
    const open = (listening.address() as AddressInfo).port;
    expect([...body.results].sort()).toEqual(
      [`127.0.0.1 ${open} open syn-ack`, `127.0.0.1 ${closedPort} closed conn-refused`, `127.0.0.1 ${silent} filtered no-response`].sort(),
    );
  });
});
