// Load: 10 concurrent runs over the whole lab and 50 pollers, then a kill -9 mid-run.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import BetterSqlite3 from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { expected, observed, readManifest } from "../../lab";
import { kill, SERVER_NODE_OPTIONS, startServer, type RunningServer } from "./next-server";

const TOKEN = "load-test-admin-token-0123456789";
const RUNS = 10;
const POLLERS = 50;
/** Resource bound for the server under this load, not a timing. */
const MAX_SERVER_RSS_KB = 400 * 1024;
const lab = readManifest();
const dataDir = mkdtempSync(join(tmpdir(), "rd-load-"));
const auth = { authorization: `Bearer ${TOKEN}` };
let server: RunningServer;
afterAll(async () => {
  if (server) await kill(server, "SIGKILL");
  rmSync(dataDir, { recursive: true, force: true });
});

type RunBody = { status: string; report: { clients: { name: string; verdict: string; findings: { code: string; detail: string }[] }[] } };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Peak resident memory of the server and its children, from /proc (VmHWM). */
function peakRssKb(pid: number): number {
  let children: number[] = [];
  try {
    children = execFileSync("pgrep", ["-P", String(pid)], { encoding: "utf8" })
      .split("\n")
      .filter(Boolean)
      .map(Number);
  } catch {
    // pgrep exits 1 when the server has no child process.
  }
  return Math.max(...[pid, ...children].map((p) => Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${p}/status`, "utf8"))?.[1] ?? 0)));
}

async function start(): Promise<string> {
  const response = await fetch(`${server.url}/api/runs`, { method: "POST", headers: auth });
  expect(response.status).toBe(202);
  return ((await response.json()) as { id: string }).id;
}

interface Counts {
  errors: number;
  resets: number;
  polls: number;
}

async function poll(id: string, deadline: number, counts: Counts): Promise<RunBody> {
  for (let body: RunBody | null = null; Date.now() < deadline; await sleep(200)) {
    counts.polls++;
    // A reset socket is counted, not fatal: with both cores saturated it was seen once in ~350 polls.
    const response = await fetch(`${server.url}/api/runs/${id}`, { headers: auth }).catch(() => null);
    if (response === null) counts.resets++;
    else if (response.status !== 200) counts.errors++;
    else body = (await response.json()) as RunBody;
    if (body && body.status !== "running") return body;
  }
  throw new Error(`run ${id} still running at the deadline`);
}

describe("the dashboard server under load", () => {
  it(
    `runs ${RUNS} runs at once over ${lab.clients.length} clients with ${POLLERS} pollers: no error, no lost result, bounded ` + `memory`,
    async () => {
      const pkg = JSON.parse(readFileSync(join(__dirname, "..", "..", "package.json"), "utf8")) as { scripts: { start: string } };
      expect(pkg.scripts.start, "the server measured here starts as npm start does").toContain(SERVER_NODE_OPTIONS);
      server = await startServer(3160, {
        RERUN_DOCTOR_TOKEN: TOKEN,
        RERUN_DOCTOR_DATA: dataDir,
        RERUN_DOCTOR_INVENTORY: lab.inventoryFile,
      });
      const started = performance.now();
      const ids = await Promise.all(Array.from({ length: RUNS - 1 }, start));
      // A figure, not an assertion (issue 11 wants it under 1 s): the last run starts with the others in flight.
      await sleep(3_000);
      const before = performance.now();
      ids.push(await start());
      const startMs = Math.round(performance.now() - before);
      console.log(`load: POST /api/runs answered in ${startMs} ms with ${RUNS - 1} runs in flight`);
      const counts: Counts = { errors: 0, resets: 0, polls: 0 };
      // A bound against a hang, not a speed: ten runs of the lab take minutes on two busy cores.
      const deadline = Date.now() + 840_000;
      const pollers = Array.from({ length: POLLERS }, (_, i) => poll(ids[i % RUNS]!, deadline, counts));
      const bodies = await Promise.all(pollers);
      const wallMs = Math.round(performance.now() - started);
      const rssKb = peakRssKb(server.process.pid!);
      console.log(
        `load: ${RUNS} runs x ${lab.clients.length} clients in ${wallMs} ms, ${counts.polls} polls (${counts.resets} reset), server peak ` +
          `RSS ${Math.round(rssKb / 1024)} MB`,
      );
      for (const line of server
        .output()
        .split("\n")
        .filter((l) => /failed|error/i.test(l))
        .slice(0, 5))
        console.log(`server: ${line}`);
      expect(counts.errors).toBe(0);
      expect(counts.resets).toBeLessThan(counts.polls * 0.01);
      // Overload makes clients slow, never unknown: every inspection lands with its scenario's verdict.
      let slow = 0;
      for (const body of bodies) {
        expect(body.status).toBe("done");
        expect(body.report.clients.map((c) => c.name).sort()).toEqual(lab.clients.map((c) => c.name).sort());
        for (const c of lab.clients) {
          const got = body.report.clients.find((x) => x.name === c.name)!;
          if (got.findings.some((f) => f.code === "COLLECT_SLOW")) slow++;
          expect({ name: c.name, ...observed(got) }).toEqual({ name: c.name, ...expected(c.expect) });
        }
      }
      console.log(`load: ${slow} of ${RUNS * lab.clients.length} inspections reported slow`);
      expect(rssKb).toBeLessThan(MAX_SERVER_RSS_KB);
      expect(server.output()).not.toMatch(/internal error|run .* failed/);
    },
    870_000,
  );

  it("keeps SQLite consistent when killed with runs in flight", async () => {
    await Promise.all([start(), start(), start()]);
    await sleep(1_500);
    await kill(server, "SIGKILL");
    const db = new BetterSqlite3(join(dataDir, "rerun-doctor.sqlite"), { readonly: true });
    expect(db.pragma("integrity_check", { simple: true })).toBe("ok");
    db.close();
  }, 30_000);
});
