import { expect, test } from "./fixtures";
import { lab, runToCompletion } from "./lab-run";

test("a run fills the matrix in live, and every scenario's row shows its verdict and top finding", async ({ adminPage: page }) => {
  const dialogs: string[] = [];
  page.on("dialog", (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await page.getByRole("button", { name: "Run diagnosis" }).click();
  await expect(page).toHaveURL(/\?run=[0-9a-f-]{36}/);
  const progress = page.getByTestId("run-progress");
  const total = lab.clients.length;
  const seen = new Set<string>();
  await expect(async () => {
    seen.add((await progress.textContent()) ?? "");
    await expect(progress).toContainText(`${total} of ${total} clients`, { timeout: 100 });
    await expect(progress).toContainText("done", { timeout: 100 });
  }).toPass({ timeout: 45_000, intervals: [100] });
  const partial = [...seen].filter((text) => /^(\d+) of/.test(text) && !text.startsWith(`${total} of`));
  expect(partial.length, `progress texts seen: ${[...seen].join(" | ")}`).toBeGreaterThan(0);

  const matrix = page.getByRole("table", { name: "Reachability matrix" });
  for (const client of lab.clients) {
    const row = matrix.locator(`tr[data-client="${client.name}"]`);
    await expect(row.locator("[data-verdict]")).toHaveText(client.expect.verdict);
    const top = await row.locator("[data-top-finding]").getAttribute("data-top-finding");
    if (client.expect.codes.length === 0) expect(top, client.name).toBe("");
    else expect(client.expect.codes, client.name).toContain(top);
  }
  expect(dialogs).toEqual([]);
});

test("the garbage override's client page shows its bytes escaped, and its <script> never runs", async ({ adminPage: page }) => {
  const dialogs: string[] = [];
  page.on("dialog", (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await runToCompletion(page);
  await page.getByRole("link", { name: "override-garbage" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "override-garbage" })).toBeVisible();
  const bytes = page.getByTestId("override-bytes");
  await expect(bytes).toContainText('<script>alert(\\"rerun-doctor-xss\\")</script>\\r\\n');
  await expect(page.locator("[data-finding=OVERRIDE_INVALID]")).toBeVisible();
  expect(await page.locator("img[src=x]").count()).toBe(0);
  expect(dialogs).toEqual([]);
});

test("the binary/ANSI override's client page shows escaped bytes, and nothing in it runs", async ({ adminPage: page }) => {
  const dialogs: string[] = [];
  page.on("dialog", (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await runToCompletion(page);
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
