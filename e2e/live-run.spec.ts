import { expect, finishedRunViaApi, pressRun, test } from "./fixtures";

test("reloading during a run picks it up, and Cancel ends it interrupted with the finished clients kept", async ({ page, lab }) => {
  await pressRun(page);
  const progress = page.getByTestId("run-progress");
  await expect(progress).toContainText("running");
  await page.reload();
  await expect(progress).toContainText("running");
  await expect(progress).toContainText(/[1-9]\d* of \d+ clients/, { timeout: 60_000 });
  await page.getByRole("button", { name: "Cancel" }).click();
  await expect(progress).toContainText("interrupted", { timeout: 30_000 });
  const done = Number(/(\d+) of/.exec((await progress.textContent()) ?? "")?.[1]);
  expect(done).toBeGreaterThan(0);
  expect(done).toBeLessThanOrEqual(lab.clients.length);
  await expect(page.getByRole("table", { name: "Reachability matrix" }).locator("tr[data-client]")).toHaveCount(done);
});

test("history lists runs with who started them, and compares a run with the previous one", async ({ page, labRun, request }) => {
  const later = await finishedRunViaApi(request);
  await page.goto("/runs");
  await expect(page.getByRole("heading", { level: 1, name: "Run history" })).toBeVisible();
  const newest = page.locator("table tbody tr").filter({ has: page.locator(`a[href*="${later}"]`) });
  await expect(newest).toContainText("api");
  await newest.getByRole("link", { name: /compare with previous/i }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Changes between two runs" })).toBeVisible();
  expect(page.url()).toContain(later);
  expect(labRun).not.toBe(later);
});
