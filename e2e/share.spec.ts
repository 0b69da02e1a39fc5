import type { APIRequestContext } from "@playwright/test";
import { readManifest } from "../lab";
import { expect, test } from "./fixtures";

const lab = readManifest();

const LAB_ADDRESS = /198\.51\.100\.\d{1,3}/;

/** Everything of the fleet that a redacted share must not show: addresses and names. */
function leaks(text: string): string[] {
  const found = [...new Set(text.match(new RegExp(LAB_ADDRESS, "g")) ?? [])];
  for (const client of lab.clients) if (text.includes(client.name)) found.push(client.name);
  return found;
}

async function body(request: APIRequestContext, url: string): Promise<string> {
  const response = await request.get(url);
  expect(response.status(), url).toBe(200);
  return response.text();
}

test("a redacted share link works without login and shows no address or name of the fleet", async ({ page, browser, labRun: runId }) => {
  await page.goto(`/?run=${runId}`);
  await page.getByLabel("Hide addresses, names and IDs of the fleet").check();
  await page.getByRole("button", { name: "Create share link" }).click();
  const url = await page.getByRole("textbox", { name: "Share link" }).inputValue();
  expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/share\/[A-Za-z0-9_-]{43}$/);

  const stranger = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const view = await stranger.newPage();
  await view.goto(url);
  await expect(view.getByRole("heading", { level: 1 })).toHaveText("Rerun Doctor report");
  await expect(view.getByText("client-1", { exact: true }).first()).toBeVisible();
  expect(leaks(await view.content())).toEqual([]);
  for (const format of ["markdown", "json"])
    expect(leaks(await body(stranger.request, `${url.replace("/share/", "/api/share/")}/export?format=${format}`))).toEqual([]);
  expect(leaks(await body(stranger.request, url.replace("/share/", "/api/share/")))).toEqual([]);
  expect(await view.locator('a[href="/"], a[href^="/runs"], a[href^="/?"]').count()).toBe(0);

  expect((await stranger.request.get(`/api/runs/${runId}`)).status()).toBe(401);
  await view.goto(`/?run=${runId}`);
  await expect(view).toHaveURL(/\/login\?next=/);
  await stranger.close();
});

test("an unredacted share shows the fleet as it is; a revoked link answers 404", async ({ page, browser, labRun }) => {
  await page.goto(`/?run=${labRun}`);
  await page.getByLabel("Hide addresses, names and IDs of the fleet").uncheck();
  await page.getByRole("button", { name: "Create share link" }).click();
  const url = await page.getByRole("textbox", { name: "Share link" }).inputValue();
  const stranger = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const view = await stranger.newPage();
  await view.goto(url);
  await expect(view.getByText("sg-drops-part").first()).toBeVisible();

  await page.getByRole("list", { name: "Share links" }).getByRole("button", { name: "Revoke" }).first().click();
  await expect(page.getByRole("list", { name: "Share links" })).toContainText("revoked");
  expect((await stranger.request.get(url)).status()).toBe(404);
  expect((await stranger.request.get(url.replace("/share/", "/api/share/"))).status()).toBe(404);
  expect((await stranger.request.get(`${url}x`)).status()).toBe(404);
  await stranger.close();
});

test("the run's own exports are the contract's JSON and a Markdown report", async ({ page, labRun: runId }) => {
  const json = await page.request.get(`/api/runs/${runId}/export?format=json`);
  expect(json.headers()["content-disposition"]).toMatch(/attachment/);
  const report = (await json.json()) as { schemaVersion: number; runId: string; clients: unknown[] };
  expect([report.schemaVersion, report.runId, report.clients.length]).toEqual([1, runId, lab.clients.length]);
  const markdown = await (await page.request.get(`/api/runs/${runId}/export?format=markdown`)).text();
  expect(markdown).toContain("sg-drops-rerun-range");
  expect(markdown).toContain("`RERUN_PORTS_FILTERED`");
});
