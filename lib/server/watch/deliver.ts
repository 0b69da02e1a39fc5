import { createTransport } from "nodemailer";
import type { AlertsFile } from "../../inventory/watch-schema";
import { emailMessage, slackPayload, type AlertPayload } from "../../report/watch-payloads";
import type { AlertDelivery } from "../../store/watch-alert-log";

type Env = Readonly<Record<string, string | undefined>>;

export interface DeliveryOptions {
  readonly timeoutMs: number;
  /** Waits before the 2nd, 3rd, ... attempt; its length + 1 is the number of attempts. */
  readonly backoffMs: readonly number[];
}

export const DEFAULT_DELIVERY: DeliveryOptions = { timeoutMs: 5000, backoffMs: [1000, 4000] };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** An error as it may be stored and logged: webhook URLs carry tokens, so every secret is cut out. */
export function describeError(error: unknown, secrets: readonly (string | undefined)[]): string {
  const e = error as { name?: string; message?: string; code?: string; cause?: { code?: string; message?: string } };
  let text =
    e.name === "TimeoutError"
      ? "timed out"
      : [e.message, e.cause?.code ?? e.cause?.message ?? e.code].filter(Boolean).join(": ") || "error";
  for (const secret of secrets) if (secret) text = text.split(secret).join("[redacted]");
  return text.replace(/https?:\/\/\S+/g, "[url]").slice(0, 300);
}

async function attempt(
  send: () => Promise<void>,
  options: DeliveryOptions,
  secrets: readonly (string | undefined)[],
): Promise<{ ok: boolean; attempts: number; error: string | null }> {
  let error: string | null = null;
  for (let i = 0; i <= options.backoffMs.length; i++) {
    if (i > 0) await sleep(options.backoffMs[i - 1]!);
    try {
      await send();
      return { ok: true, attempts: i + 1, error: null };
    } catch (caught) {
      error = describeError(caught, secrets);
    }
  }
  return { ok: false, attempts: options.backoffMs.length + 1, error };
}

async function postJson(url: string, body: unknown, timeoutMs: number): Promise<void> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", "user-agent": "rerun-doctor" },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(timeoutMs),
    redirect: "error",
  });
  await response.body?.cancel();
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
}

/**
 * Sends one message per target for one run's changes, each with a bounded timeout and a few retries.
 * Never throws: every outcome comes back as a delivery record (no URL, no secret in it).
 */
export async function deliverAlert(
  payload: AlertPayload,
  alerts: AlertsFile,
  env: Env,
  options: DeliveryOptions = DEFAULT_DELIVERY,
): Promise<AlertDelivery[]> {
  const jobs: Promise<AlertDelivery>[] = [];
  const record = (channel: AlertDelivery["channel"], target: string, outcome: Awaited<ReturnType<typeof attempt>>): AlertDelivery => ({
    runId: payload.runId,
    channel,
    target,
    ...outcome,
    at: new Date().toISOString(),
  });
  const unset = (name: string) => ({ ok: false, attempts: 0, error: `environment variable ${name} is not set` });
  for (const [channel, list, body] of [
    ["webhook", alerts.webhooks, payload],
    ["slack", alerts.slack, slackPayload(payload)],
  ] as const) {
    for (const { urlEnv } of list) {
      const url = env[urlEnv];
      jobs.push(
        url
          ? attempt(() => postJson(url, body, options.timeoutMs), options, [url]).then((o) => record(channel, urlEnv, o))
          : Promise.resolve(record(channel, urlEnv, unset(urlEnv))),
      );
    }
  }
  if (alerts.email) jobs.push(sendEmail(payload, alerts.email, env, options).then((o) => record("email", alerts.email!.smtp.host, o)));
  return Promise.all(jobs);
}

function sendEmail(payload: AlertPayload, email: NonNullable<AlertsFile["email"]>, env: Env, options: DeliveryOptions) {
  const { smtp } = email;
  const user = smtp.userEnv ? env[smtp.userEnv] : undefined;
  const pass = smtp.passwordEnv ? env[smtp.passwordEnv] : undefined;
  if (smtp.userEnv && !user) return Promise.resolve({ ok: false, attempts: 0, error: `environment variable ${smtp.userEnv} is not set` });
  if (smtp.passwordEnv && !pass)
    return Promise.resolve({ ok: false, attempts: 0, error: `environment variable ${smtp.passwordEnv} is not set` });
  const message = emailMessage(payload);
  return attempt(
    async () => {
      const transport = createTransport({
        host: smtp.host,
        port: smtp.port,
        secure: smtp.secure,
        auth: user ? { user, pass } : undefined,
        connectionTimeout: options.timeoutMs,
        greetingTimeout: options.timeoutMs,
        socketTimeout: options.timeoutMs * 2,
      });
      try {
        await transport.sendMail({ from: email.from, to: email.to, subject: message.subject, text: message.text });
      } finally {
        transport.close();
      }
    },
    options,
    [user, pass],
  );
}
