import { expect, test } from "./fixtures";
import { lab } from "./lab-run";

test("reloading during a run picks it up, and Cancel ends it interrupted with the finished clients kept", async ({ adminPage: page }) => {
  await page.getByRole("button", { name: "Run diagnosis" }).click();
  await expect(page).toHaveURL(/\?run=[0-9a-f-]{36}$/);
  const progress = page.getByTestId("run-progress");
  await expect(progress).toContainText("running");
  await page.reload();
  await expect(progress).toContainText("running");
  await expect(progress).toContainText(/[1-9]\d* of \d+ clients/, { timeout: 20_000 });
  await page.getByRole("button", { name: "Cancel" }).click();
  await expect(progress).toContainText("interrupted", { timeout: 20_000 });
  const done = Number(/(\d+) of/.exec((await progress.textContent()) ?? "")?.[1]);
  expect(done).toBeLessThanOrEqual(lab.clients.length);
  await expect(page.getByRole("table", { name: "Reachability matrix" }).locator("tr[data-client]")).toHaveCount(done);
});

test("history lists runs with who started them, and compares a run with the previous one", async ({ adminPage: page }) => {
  await page.getByRole("link", { name: "History" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Run history" })).toBeVisible();
  const rows = page.locator("table tbody tr");
  expect(await rows.count()).toBeGreaterThan(0);
  await expect(rows.first()).toContainText(/ui|api|cli/);
  // Earlier specs ran several runs, so the newest has a previous one to compare with.
  await page.getByRole("link", { name: /compare with previous/i }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: "Changes between two runs" })).toBeVisible();
});
