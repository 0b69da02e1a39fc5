import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { E2E_TOKEN } from "./env";
import { expect, test } from "./fixtures";
import { kill, startServer, type RunningServer } from "./server/next-server";

// A second server of its own: the main one must keep the lab's valid inventory.
const PORT = 3102;
const BAD =
  "ssh:\n  user: ubuntu\n  identityFile: /nonexistent/id_ed25519\nclients:\n  - name: a\n    host: '; rm -rf /'\n  - name: a\n    host: " +
  "10.0.0.2\n    port: twenty-two\n";
const LINES = [
  "fleet.yaml:9: clients[1].port: must be a port number",
  "fleet.yaml:6: clients[0].host: must be a host name or an IP address",
];
let server: RunningServer;
let scratch: string;

test.beforeAll(async () => {
  mkdirSync(join(__dirname, "..", ".tmp"), { recursive: true });
  scratch = mkdtempSync(join(__dirname, "..", ".tmp", "bad-inv-"));
  writeFileSync(join(scratch, "fleet.yaml"), BAD);
  server = await startServer(PORT, {
    RERUN_DOCTOR_TOKEN: E2E_TOKEN,
    RERUN_DOCTOR_DATA: join(scratch, "data"),
    RERUN_DOCTOR_INVENTORY: join(scratch, "fleet.yaml"),
  });
});

test.afterAll(async () => {
  await kill(server, "SIGTERM");
  rmSync(scratch, { recursive: true, force: true });
});

test("an invalid inventory is shown on the home page, line by line, and the server stays up", async ({ page }) => {
  await page.goto(`${server.url}/login`);
  await page.getByLabel("Admin token").fill(E2E_TOKEN);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("button", { name: "Run diagnosis" }).click();
  const alert = page.locator("pre[role=alert]");
  await expect(alert).toContainText("invalid inventory");
  for (const line of LINES) await expect(alert).toContainText(line);
  await page.reload();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Rerun Doctor");
  expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
});

test("POST /api/runs answers 422 with the error lines, not a 500", async () => {
  const response = await fetch(`${server.url}/api/runs`, { method: "POST", headers: { authorization: `Bearer ${E2E_TOKEN}` } });
  expect(response.status).toBe(422);
  const body = (await response.json()) as { error: string; problems: string[] };
  expect(body.error).toBe("invalid_inventory");
  expect(body.problems).toEqual(expect.arrayContaining(LINES));
  expect(server.output()).not.toMatch(/internal error/);
});
