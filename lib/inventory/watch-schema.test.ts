import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parseInventory } from "./load";
import { problemsOf } from "./test-problems";

const FILE = "/etc/rerun-doctor/fleet.yaml";
const KEYS = mkdtempSync(join(tmpdir(), "rd-keys-watch-"));
writeFileSync(join(KEYS, "id_ed25519"), "not a real key: only its existence is checked here\n");
afterAll(() => rmSync(KEYS, { recursive: true, force: true }));
const HEAD = "ssh:\n  identityFile: ${KEYS}/id_ed25519\nclients:\n  - { name: c1, host: 10.0.1.12 }\n";

describe("schedule: and alerts: in the inventory", () => {
  it("reads them, with env variable names (never values) and warnings for unset ones", () => {
    const inv = parseInventory(
      `${HEAD}schedule:\n  everyMinutes: 5\nalerts:\n  webhooks:\n    - urlEnv: HOOK_URL\n  slack:\n    - urlEnv: SLACK_URL\n` +
        `  email:\n    smtp: { host: smtp.example.com, userEnv: SMTP_USER, passwordEnv: SMTP_PASS }\n` +
        `    from: doctor@example.com\n    to: [oncall@example.com]\n`,
      FILE,
      { KEYS, HOOK_URL: "https://hooks.example.com/x", SMTP_USER: "u", SMTP_PASS: "p" },
    );
    expect(inv.watch).toEqual({
      everyMinutes: 5,
      alerts: {
        webhooks: [{ urlEnv: "HOOK_URL" }],
        slack: [{ urlEnv: "SLACK_URL" }],
        email: {
          smtp: { host: "smtp.example.com", port: 587, secure: false, userEnv: "SMTP_USER", passwordEnv: "SMTP_PASS" },
          from: "doctor@example.com",
          to: ["oncall@example.com"],
        },
      },
    });
    expect(inv.warnings).toEqual([
      "fleet.yaml:11: alerts.slack[0].urlEnv: environment variable SLACK_URL is not set; alerts there will fail",
    ]);
    expect(parseInventory(HEAD, FILE, { KEYS }).watch).toBeUndefined();
  });

  it("rejects unknown keys, bad intervals and URLs in place of env names, with file and line", () => {
    const env = { KEYS };
    expect(problemsOf(`${HEAD}schedule:\n  everyMinutes: 0\n`, FILE, env)).toEqual([
      "fleet.yaml:6: schedule.everyMinutes: must be at least 1",
    ]);
    expect(problemsOf(`${HEAD}schedule:\n  every: 5m\n`, FILE, env)).toEqual([
      "fleet.yaml:6: schedule.everyMinutes: must be a number of minutes",
      'fleet.yaml:6: schedule: Unrecognized key: "every"',
    ]);
    expect(problemsOf(`${HEAD}alerts:\n  webhooks:\n    - url: https://hooks.example.com/T0/secret\n`, FILE, env)).toEqual([
      "fleet.yaml:7: alerts.webhooks[0].urlEnv: required: the name of an environment variable (secrets never go in the file)",
      'fleet.yaml:7: alerts.webhooks[0]: Unrecognized key: "url"',
    ]);
  });
});
