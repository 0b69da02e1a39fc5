import { expect, pressRun, test, waitUntilDone } from "./fixtures";

const BROWSER_SESSIONS = 50;

test(`${BROWSER_SESSIONS} browser sessions follow one running run to the end without an error`, async ({ page, lab }) => {
  test.setTimeout(420_000);
  const runId = await pressRun(page);
  const errors: string[] = [];
  const pages = await Promise.all(Array.from({ length: BROWSER_SESSIONS - 1 }, () => page.context().newPage()));
  for (const p of [page, ...pages]) p.on("pageerror", (error) => errors.push(error.message));
  await Promise.all(pages.map((p) => p.goto(`/?run=${runId}`, { timeout: 120_000 })));
  const total = lab.clients.length;
  for (const p of [page, ...pages]) {
    await waitUntilDone(p, lab);
    await expect(p.getByRole("table", { name: "Reachability matrix" }).locator("tr[data-client]")).toHaveCount(total);
  }
  expect(errors).toEqual([]);
  await Promise.all(pages.map((p) => p.close()));
});
