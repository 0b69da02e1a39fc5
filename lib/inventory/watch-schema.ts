import { z } from "zod";

/** Secrets (webhook URLs carry tokens, SMTP passwords) are named by env variable, never written in the file. */
const envName = z
  .string({ error: "required: the name of an environment variable (secrets never go in the file)" })
  .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, "must be an environment variable name");
const email = z
  .string()
  .trim()
  .max(254)
  .regex(/^[^\s@<>",;]+@[^\s@<>",;]+$/, "must be an e-mail address");

export const MIN_SCHEDULE_MINUTES = 1;
export const MAX_SCHEDULE_MINUTES = 24 * 60;

/** `schedule:` and `alerts:` (issue 16). Strict: a typo here would silently mean no schedule or no alert. */
export const scheduleSchema = z.strictObject({
  everyMinutes: z
    .number({ error: "must be a number of minutes" })
    .int("must be a whole number of minutes")
    .min(MIN_SCHEDULE_MINUTES, `must be at least ${MIN_SCHEDULE_MINUTES}`)
    .max(MAX_SCHEDULE_MINUTES, `must be at most ${MAX_SCHEDULE_MINUTES} (a day)`),
});

export const alertsSchema = z.strictObject({
  webhooks: z
    .array(z.strictObject({ urlEnv: envName }))
    .max(5)
    .default([]),
  slack: z
    .array(z.strictObject({ urlEnv: envName }))
    .max(5)
    .default([]),
  email: z
    .strictObject({
      smtp: z.strictObject({
        host: z.string().trim().min(1).max(253),
        port: z.number().int().min(1).max(65535).default(587),
        /** true: TLS from the first byte (465); false: STARTTLS when the server offers it. */
        secure: z.boolean().default(false),
        userEnv: envName.optional(),
        passwordEnv: envName.optional(),
      }),
      from: email,
      to: z.array(email).min(1).max(20),
    })
    .optional(),
});

export type ScheduleFile = z.infer<typeof scheduleSchema>;
export type AlertsFile = z.infer<typeof alertsSchema>;

/** What the server needs to watch the fleet; env names only, resolved at delivery time. */
export interface WatchSettings {
  readonly everyMinutes: number | null;
  readonly alerts: AlertsFile;
}

/** Warnings (not errors: the CLI loads the same file without sending alerts) for env variables that are unset. */
export function watchSettings(
  schedule: ScheduleFile | undefined,
  alerts: AlertsFile | undefined,
  env: Readonly<Record<string, string | undefined>>,
  at: (path: PropertyKey[]) => string,
  warnings: string[],
): WatchSettings | undefined {
  if (!schedule && !alerts) return undefined;
  const named: [PropertyKey[], string | undefined][] = [
    ...(alerts?.webhooks ?? []).map((w, i): [PropertyKey[], string] => [["alerts", "webhooks", i, "urlEnv"], w.urlEnv]),
    ...(alerts?.slack ?? []).map((w, i): [PropertyKey[], string] => [["alerts", "slack", i, "urlEnv"], w.urlEnv]),
    [["alerts", "email", "smtp", "userEnv"], alerts?.email?.smtp.userEnv],
    [["alerts", "email", "smtp", "passwordEnv"], alerts?.email?.smtp.passwordEnv],
  ];
  for (const [path, name] of named)
    if (name !== undefined && !env[name]) warnings.push(`${at(path)}: environment variable ${name} is not set; alerts there will fail`);
  return { everyMinutes: schedule?.everyMinutes ?? null, alerts: alerts ?? { webhooks: [], slack: [] } };
}
