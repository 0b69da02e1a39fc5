import { expect, test } from "./fixtures";
import { lab } from "./lab-run";

const BROWSER_SESSIONS = 50;

test(`${BROWSER_SESSIONS} browser sessions follow one running run to the end without an error`, async ({ adminPage: page }) => {
  test.setTimeout(180_000);
  await page.getByRole("button", { name: "Run diagnosis" }).click();
  await expect(page).toHaveURL(/\?run=[0-9a-f-]{36}$/);
  const url = page.url();
  const errors: string[] = [];
  const pages = await Promise.all(Array.from({ length: BROWSER_SESSIONS - 1 }, () => page.context().newPage()));
  for (const p of [page, ...pages]) p.on("pageerror", (error) => errors.push(error.message));
  await Promise.all(pages.map((p) => p.goto(url)));
  const total = lab.clients.length;
  for (const p of [page, ...pages]) {
    await expect(p.getByTestId("run-progress")).toContainText(`${total} of ${total} clients`, { timeout: 120_000 });
    await expect(p.getByTestId("run-progress")).toContainText("done");
    await expect(p.getByRole("table", { name: "Reachability matrix" }).locator("tr[data-client]")).toHaveCount(total);
  }
  expect(errors).toEqual([]);
  await Promise.all(pages.map((p) => p.close()));
});
