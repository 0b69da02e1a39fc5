import { LOAD_DEPENDENT_CODES } from "../lib/diagnose/catalog";
import { E2E_AUTH_STATE } from "./env";
import { expect, pressRun, test } from "./fixtures";

test("a run fills the matrix in live, and every scenario's row shows its verdict and top finding", async ({ page, lab, dialogs }) => {
  await pressRun(page);
  const progress = page.getByTestId("run-progress");
  const total = lab.clients.length;
  const seen = new Set<string>();
  await expect(async () => {
    seen.add((await progress.textContent()) ?? "");
    await expect(progress).toContainText(`${total} of ${total} clients`, { timeout: 100 });
    await expect(progress).toContainText("done", { timeout: 100 });
  }).toPass({ timeout: 240_000, intervals: [100] });
  const partial = [...seen].filter((text) => /^(\d+) of/.test(text) && !text.startsWith(`${total} of`));
  expect(partial.length, `progress texts seen: ${[...seen].join(" | ")}`).toBeGreaterThan(0);

  const matrix = page.getByRole("table", { name: "Reachability matrix" });
  for (const client of lab.clients) {
    const row = matrix.locator(`tr[data-client="${client.name}"]`);
    await expect(row.locator("[data-verdict]")).toHaveText(client.expect.verdict);
    const top = (await row.locator("[data-top-finding]").getAttribute("data-top-finding")) ?? "";
    // A busy machine may add a finding about load; it never outranks what the scenario is about.
    if (client.expect.codes.length === 0) expect(["", ...LOAD_DEPENDENT_CODES], client.name).toContain(top);
    else expect(client.expect.codes, client.name).toContain(top);
  }
  expect(dialogs).toEqual([]);
});

test("the Run button starts a run before any JavaScript runs (a plain form post)", async ({ browser, lab }) => {
  const context = await browser.newContext({ javaScriptEnabled: false, storageState: E2E_AUTH_STATE });
  const page = await context.newPage();
  await pressRun(page);
  await expect(page.getByTestId("run-progress")).toContainText(`of ${lab.clients.length} clients`);
  await context.close();
});

test("the garbage override's client page shows its bytes escaped, and its <script> never runs", async ({ page, labRun, dialogs }) => {
  await page.goto(`/?run=${labRun}`);
  await page.getByRole("link", { name: "override-garbage" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "override-garbage" })).toBeVisible();
  const bytes = page.getByTestId("override-bytes");
  await expect(bytes).toContainText('<script>alert(\\"rerun-doctor-xss\\")</script>\\r\\n');
  await expect(page.locator("[data-finding=OVERRIDE_INVALID]")).toBeVisible();
  expect(await page.locator("img[src=x]").count()).toBe(0);
  expect(dialogs).toEqual([]);
});

test("the binary/ANSI override's client page shows escaped bytes, and nothing in it runs", async ({ page, labRun, dialogs }) => {
  await page.goto(`/?run=${labRun}`);
  await page.getByRole("link", { name: "hostile-override-binary" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "hostile-override-binary" })).toBeVisible();
  const bytes = page.getByTestId("override-bytes");
  await expect(bytes).toContainText("\\x1b[2J\\x1b[1;31mPWNED\\x1b[0m\\x07\\x00\\x01");
  await expect(bytes).toContainText('<img src=x onerror=alert(\\"rd-ansi\\")>');
  await expect(page.locator("[data-finding=OVERRIDE_INVALID]")).toContainText("binary bytes");
  const html = await page.content();
  expect(html).not.toMatch(/[\u0000\u0007\u001b]/);
  expect(await page.locator("img[src=x]").count()).toBe(0);
  expect(dialogs).toEqual([]);
});
