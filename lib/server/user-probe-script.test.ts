import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { createServer as createTcpServer, type AddressInfo, type Server as TcpServer } from "node:net";
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
      if (req.url?.endsWith("/targets")) return res.end(`127.0.0.1 ${openPort}\n127.0.0.1 ${closedPort}\nnot a line\n`);
      posted.push(JSON.parse(body));
      res.writeHead(201).end("{}");
    });
  }).listen(0, "127.0.0.1");
  await new Promise((r) => dashboard.once("listening", r));
  origin = `http://127.0.0.1:${(dashboard.address() as AddressInfo).port}`;
});

afterAll(() => {
  dashboard.close();
  listening.close();
  rmSync(scratch, { recursive: true, force: true });
});

async function runScript(path: string): Promise<{ tool: string; results: string[] }> {
  posted = [];
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
    const bin = join(scratch, "bin");
    await run("mkdir", ["-p", bin]);
    for (const tool of ["curl", "mktemp", "rm", "wc", "cat", "awk", "sh"])
      symlinkSync(`/usr/bin/${tool === "sh" ? "dash" : tool}`, join(bin, tool));
    const body = await runScript(bin);
    expect(body.tool).toBe("curl");
    const open = (listening.address() as AddressInfo).port;
    // This curl says "Couldn't connect" for a reset and an ICMP unreachable alike: honest about not knowing.
    expect(body.results).toContain(`127.0.0.1 ${open} open syn-ack`);
    expect(body.results.find((r) => r.includes(` ${closedPort} `))).toMatch(/ (closed conn-refused|unknown undetermined)$/);
  });
});
