import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SMTPServer } from "smtp-server";
import { runChanges } from "../../report/watch-changes";
import { alertPayload, alertPayloadSchema } from "../../report/watch-payloads";
import { finding, watchClient, watchReport } from "../../report/test-watch-reports";
import { deliverAlert, describeError } from "./deliver";

const before = watchReport("run-a", [watchClient("c1", "ok")]);
const after = watchReport("run-b", [watchClient("c1", "broken", [finding("RERUN_PORTS_FILTERED")])]);
const payload = alertPayload(after, runChanges(before, after), { baseUrl: "http://127.0.0.1:3000", trigger: "scheduled" });
const fast = { timeoutMs: 1000, backoffMs: [10, 20] };

let http: Server;
let base = "";
const bodies: { path: string; body: unknown }[] = [];
let failuresLeft = 0;
let smtp: SMTPServer;
let smtpPort = 0;
const mails: { user: unknown; raw: string }[] = [];

beforeAll(async () => {
  http = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (c: Buffer) => chunks.push(c));
    request.on("end", () => {
      if (request.url?.startsWith("/flaky") && failuresLeft-- > 0) return void response.writeHead(503).end();
      if (request.url?.startsWith("/slow")) return; // never answers: the timeout must end it
      bodies.push({ path: request.url ?? "", body: JSON.parse(Buffer.concat(chunks).toString()) });
      response.writeHead(200).end("ok");
    });
  });
  await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  smtp = new SMTPServer({
    disabledCommands: ["STARTTLS"],
    allowInsecureAuth: true,
    onAuth: (auth, _s, cb) => (auth.password === "mail-pass-123" ? cb(null, { user: auth.username }) : cb(new Error("bad login"))),
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        mails.push({ user: session.user, raw: Buffer.concat(chunks).toString() });
        cb();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", resolve));
  smtpPort = (smtp.server.address() as AddressInfo).port;
});
afterAll(async () => {
  http.closeAllConnections();
  await new Promise<void>((r) => http.close(() => r()));
  await new Promise<void>((r) => smtp.close(() => r()));
});

describe("deliverAlert", () => {
  it("posts the webhook JSON and a Slack body, retrying a failing target with backoff", async () => {
    failuresLeft = 2;
    const env = { HOOK: `${base}/hook/tok-1`, SLACK: `${base}/flaky/tok-2` };
    const out = await deliverAlert(payload, { webhooks: [{ urlEnv: "HOOK" }], slack: [{ urlEnv: "SLACK" }] }, env, fast);
    expect(out.map(({ at: _at, ...d }) => d)).toEqual([
      { runId: "run-b", channel: "webhook", target: "HOOK", ok: true, attempts: 1, error: null },
      { runId: "run-b", channel: "slack", target: "SLACK", ok: true, attempts: 3, error: null },
    ]);
    expect(alertPayloadSchema.parse(bodies.find((b) => b.path === "/hook/tok-1")!.body)).toEqual(payload);
    expect(bodies.find((b) => b.path === "/flaky/tok-2")!.body).toMatchObject({ text: payload.summary });
  });

  it("gives up after its attempts without a URL or token in the recorded error, and never throws", async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const closedPort = (closed.address() as AddressInfo).port;
    await new Promise<void>((r) => closed.close(() => r()));
    const env = { SLOW: `${base}/slow/secret-token-xyz`, DOWN: `http://127.0.0.1:${closedPort}/secret-token-abc` };
    const out = await deliverAlert(payload, { webhooks: [{ urlEnv: "SLOW" }, { urlEnv: "DOWN" }, { urlEnv: "UNSET" }], slack: [] }, env, {
      timeoutMs: 300,
      backoffMs: [10],
    });
    expect(out.map((d) => [d.ok, d.attempts])).toEqual([
      [false, 2],
      [false, 2],
      [false, 0],
    ]);
    expect(out[0]!.error).toBe("timed out");
    expect(out[1]!.error).toMatch(/ECONNREFUSED/);
    expect(out[2]!.error).toBe("environment variable UNSET is not set");
    expect(JSON.stringify(out)).not.toMatch(/secret-token|http:/);
  });

  it("sends e-mail through a real SMTP server with the login from env variables", async () => {
    const email = {
      smtp: { host: "127.0.0.1", port: smtpPort, secure: false, userEnv: "MAIL_USER", passwordEnv: "MAIL_PASS" },
      from: "doctor@example.test",
      to: ["oncall@example.test"],
    };
    const [sent] = await deliverAlert(payload, { webhooks: [], slack: [], email }, { MAIL_USER: "doc", MAIL_PASS: "mail-pass-123" }, fast);
    expect(sent).toMatchObject({ channel: "email", target: "127.0.0.1", ok: true, attempts: 1 });
    expect(mails[0]!.user).toBe("doc");
    expect(mails[0]!.raw).toContain(`Subject: ${payload.summary}`);
    const [refused] = await deliverAlert(
      payload,
      { webhooks: [], slack: [], email },
      { MAIL_USER: "doc", MAIL_PASS: "wrong-pass-456" },
      fast,
    );
    expect(refused!.ok).toBe(false);
    expect(refused!.error).not.toContain("wrong-pass-456");
  });
});

describe("describeError", () => {
  it("cuts secrets and URLs out of error texts", () => {
    const error = new Error("request to https://hooks.slack.com/services/T0/B0/XYZ failed, token abc123");
    expect(describeError(error, ["abc123"])).toBe("request to [url] failed, token [redacted]");
  });
});
