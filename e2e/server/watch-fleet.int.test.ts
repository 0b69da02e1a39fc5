import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import BetterSqlite3 from "better-sqlite3";
import parsePrometheusTextFormat from "parse-prometheus-text-format";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { readManifest } from "../../lab";
import { alertPayloadSchema, type AlertPayload } from "../../lib/report/watch-payloads";
import { kill, startServer, type RunningServer } from "./next-server";
import { startSmtpReceiver, startWebhookReceiver } from "./watch-receivers";

const TOKEN = "int-test-admin-token-watch-0123456789";
const METRICS_TOKEN = "int-test-metrics-token-watch-0123456789";
const HOOK_SECRET = "hook-secret-in-the-path-4f2a";
const SMTP_USER = "alerts";
const SMTP_PASS = "smtp-password-9c1e";
const PUBLIC_URL = "http://doctor.example.test";
const INTERVAL_S = 6;

const lab = readManifest();
const target = lab.clients.find((c) => c.scenario === "healthy-imdsv2")!;
const steady = lab.clients.find((c) => c.scenario === "healthy-imdsv1")!;
const dir = mkdtempSync(join(tmpdir(), "rd-watch-"));
const dataDir = join(dir, "data");
const auth = { authorization: `Bearer ${TOKEN}` };
const dropRule = ["-p", "tcp", "--dport", "64535:65535", "-j", "DROP"];
const iptables = (action: "-I" | "-D") =>
  execFileSync("ip", ["netns", "exec", target.namespace, "iptables", action, "INPUT", ...dropRule], { stdio: "pipe" });

type RunRow = { id: string; status: string; trigger: string; startedAt: string; finishedAt: string | null };
let hooks: Awaited<ReturnType<typeof startWebhookReceiver>>;
let smtp: Awaited<ReturnType<typeof startSmtpReceiver>>;
let server: RunningServer | null = null;
let ruleAdded = false;

async function start(port: number): Promise<RunningServer> {
  server = await startServer(port, {
    RERUN_DOCTOR_TOKEN: TOKEN,
    RERUN_DOCTOR_METRICS_TOKEN: METRICS_TOKEN,
    RERUN_DOCTOR_DATA: dataDir,
    RERUN_DOCTOR_INVENTORY: join(dir, "fleet.yaml"),
    RERUN_DOCTOR_PUBLIC_URL: PUBLIC_URL,
    RERUN_DOCTOR_SCHEDULE_TEST_SECONDS: String(INTERVAL_S),
    RD_TEST_WEBHOOK_URL: `${hooks.url}/hook/${HOOK_SECRET}`,
    RD_TEST_SLACK_URL: `${hooks.url}/slack/${HOOK_SECRET}`,
    RD_TEST_SMTP_USER: SMTP_USER,
    RD_TEST_SMTP_PASS: SMTP_PASS,
  });
  return server;
}

async function runs(): Promise<RunRow[]> {
  const response = await fetch(`${server!.url}/api/runs`, { headers: auth });
  return ((await response.json()) as { runs: RunRow[] }).runs;
}

/** Polls until `check` returns something; bounded, so a broken schedule fails the test instead of hanging it. */
async function waitFor<T>(what: string, check: () => Promise<T | undefined> | T | undefined, timeoutMs = 120_000): Promise<T> {
  for (const deadline = Date.now() + timeoutMs; Date.now() < deadline; await new Promise((r) => setTimeout(r, 200))) {
    const found = await check();
    if (found !== undefined) return found;
  }
  throw new Error(`timed out waiting for ${what}\n${server?.output().slice(-3000)}`);
}

const webhookAlerts = (): AlertPayload[] =>
  hooks.received.filter((r) => r.path === `/hook/${HOOK_SECRET}`).map((r) => alertPayloadSchema.parse(r.body));
const changesFor = (change: "broke" | "recovered") =>
  webhookAlerts().filter((a) => a.clients.some((c) => c.name === target.name && c.change === change));

/** A scheduled run that started after `since` and finished. */
const finishedAfter = (since: string) => async () =>
  (await runs()).find((r) => r.trigger === "scheduled" && r.status === "done" && r.startedAt > since);

beforeAll(async () => {
  hooks = await startWebhookReceiver();
  smtp = await startSmtpReceiver(SMTP_USER, SMTP_PASS);
  const inventory = parse(readFileSync(lab.inventoryFile, "utf8")) as { clients: { name: string }[] } & Record<string, unknown>;
  inventory.clients = inventory.clients.filter((c) => c.name === target.name || c.name === steady.name);
  inventory.schedule = { everyMinutes: 1 };
  inventory.alerts = {
    webhooks: [{ urlEnv: "RD_TEST_WEBHOOK_URL" }],
    slack: [{ urlEnv: "RD_TEST_SLACK_URL" }],
    email: {
      smtp: { host: "127.0.0.1", port: smtp.port, secure: false, userEnv: "RD_TEST_SMTP_USER", passwordEnv: "RD_TEST_SMTP_PASS" },
      from: "rerun-doctor@example.test",
      to: ["oncall@example.test"],
    },
  };
  writeFileSync(join(dir, "fleet.yaml"), stringify(inventory));
});

afterAll(async () => {
  if (ruleAdded) iptables("-D");
  if (server) await kill(server, "SIGKILL");
  await hooks?.close();
  await smtp?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("watching the fleet on a schedule", () => {
  it("alerts once when a client breaks, survives a restart mid-schedule, alerts once on recovery, and serves /metrics", async () => {
    await start(3191);
    const first = await waitFor("the first scheduled run", finishedAfter(""));
    const before = (await (await fetch(`${server!.url}/api/runs/${first.id}`, { headers: auth })).json()) as {
      report: { clients: { name: string; verdict: string }[] };
    };
    const healthyVerdict = before.report.clients.find((c) => c.name === target.name)?.verdict;
    expect(["ok", "degraded"]).toContain(healthyVerdict); // reruns work (IMDSv2 alone is a warning)
    expect(hooks.received).toHaveLength(0); // nothing changed yet: no message

    iptables("-I");
    ruleAdded = true;
    const broke = await waitFor("the 'broke' alert", () => changesFor("broke")[0]);
    const brokenClient = broke.clients.find((c) => c.name === target.name)!;
    expect(broke.status).toBe("firing");
    expect(broke.trigger).toBe("scheduled");
    expect(brokenClient).toMatchObject({ from: healthyVerdict, to: "broken", codes: expect.arrayContaining(["RERUN_PORTS_FILTERED"]) });
    expect(broke.runUrl).toBe(`${PUBLIC_URL}/runs/${broke.runId}`);
    expect(brokenClient.clientUrl).toBe(`${PUBLIC_URL}/runs/${broke.runId}/clients/${encodeURIComponent(target.name)}`);
    expect(broke.clients.map((c) => c.name)).not.toContain(steady.name);
    const slack = await waitFor("the Slack message", () => hooks.received.find((r) => r.path === `/slack/${HOOK_SECRET}`));
    expect(slack.body).toMatchObject({ text: broke.summary, blocks: expect.any(Array) });
    const mail = await waitFor("the e-mail", () => smtp.mails[0]);
    expect(mail).toMatchObject({ user: SMTP_USER, to: ["oncall@example.test"] });
    expect(mail.raw.replace(/=\r?\n/g, "")).toContain(target.name);

    // The schedule runs on; the client stays broken: no second message.
    await waitFor("a scheduled run after the alert", finishedAfter(broke.finishedAt!));
    expect(changesFor("broke")).toHaveLength(1);

    const scraped = await fetch(`${server!.url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    expect(scraped.status).toBe(200);
    expect(scraped.headers.get("content-type")).toContain("text/plain");
    const families = parsePrometheusTextFormat(await scraped.text());
    const family = (name: string) => families.find((f) => f.name === name);
    expect(family("rerun_doctor_client_verdict")?.type).toBe("GAUGE");
    const sample = (name: string, labels: Record<string, string>) =>
      family(name)?.metrics.find((m) => Object.entries(labels).every(([k, v]) => m.labels?.[k] === v))?.value;
    expect(sample("rerun_doctor_client_verdict", { client: target.name, verdict: "broken" })).toBe("1");
    expect(sample("rerun_doctor_client_verdict", { client: target.name, verdict: healthyVerdict! })).toBe("0");
    expect(Number(sample("rerun_doctor_ports", { client: target.name, state: "filtered" }))).toBe(1001);
    expect(Number(sample("rerun_doctor_findings", { code: "RERUN_PORTS_FILTERED", severity: "error" }))).toBeGreaterThanOrEqual(1);
    expect(Number(family("rerun_doctor_last_success_timestamp_seconds")?.metrics[0]?.value)).toBeGreaterThan(Date.now() / 1000 - 600);
    expect(Number(family("rerun_doctor_last_run_duration_seconds")?.metrics[0]?.value)).toBeGreaterThan(0);
    expect(family("rerun_doctor_schedule_interval_seconds")?.metrics[0]?.value).toBe(String(INTERVAL_S));
    expect((await fetch(`${server!.url}/metrics`, { headers: auth })).status).toBe(200);
    expect((await fetch(`${server!.url}/metrics`)).status).toBe(401);
    expect((await fetch(`${server!.url}/api/runs`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })).status).toBe(401);

    // Restart mid-schedule: kill -9 while a scheduled run is running.
    const killedRun = await waitFor("a scheduled run in progress", async () =>
      (await runs()).find((r) => r.trigger === "scheduled" && r.status === "running"),
    );
    await kill(server!, "SIGKILL");
    const db = new BetterSqlite3(join(dataDir, "rerun-doctor.sqlite"), { readonly: true });
    const { next_due_at: nextDue } = db.prepare("SELECT next_due_at FROM schedule_state").get() as { next_due_at: string };
    db.close();
    await start(3192);
    const resumed = await waitFor("a scheduled run after the restart", finishedAfter(killedRun.startedAt));
    const all = await runs();
    expect(all.find((r) => r.id === killedRun.id)?.status).toBe("interrupted");
    const afterKill = all.filter((r) => r.trigger === "scheduled" && r.startedAt > killedRun.startedAt);
    // No duplicate: nothing started before the slot the dead process had already moved on to.
    expect(afterKill.every((r) => r.startedAt >= nextDue)).toBe(true);
    expect(resumed.startedAt >= nextDue).toBe(true);
    // Never overlapping: each scheduled run started after the one before it ended.
    const scheduled = all.filter((r) => r.trigger === "scheduled" && r.status !== "running").reverse();
    for (let i = 1; i < scheduled.length; i++) expect(scheduled[i]!.startedAt >= scheduled[i - 1]!.finishedAt!).toBe(true);

    iptables("-D");
    ruleAdded = false;
    const recovered = await waitFor("the 'recovered' alert", () => changesFor("recovered")[0]);
    expect(recovered.status).toBe("resolved");
    expect(recovered.clients.find((c) => c.name === target.name)).toMatchObject({ from: "broken", to: healthyVerdict });
    await waitFor("a scheduled run after the recovery", finishedAfter(recovered.finishedAt!));
    expect(changesFor("recovered")).toHaveLength(1);
    expect(changesFor("broke")).toHaveLength(1);
    expect(server!.output()).not.toContain(HOOK_SECRET);
    expect(server!.output()).not.toContain(SMTP_PASS);
  }, 290_000);
});
