import { readFileSync } from "node:fs";
import type { Browser, Page } from "@playwright/test";
import { readManifest } from "../lab";
import { E2E_TOKEN } from "./env";
import { expect, test } from "./fixtures";

const lab = readManifest();
const LAB_ADDRESS = /198\.51\.100\.\d{1,3}/;

/** Each client's verdict as a matrix shows it: the run page's, or the export's table (same markup on purpose). */
async function verdicts(page: Page): Promise<Record<string, string>> {
  const rows = page.locator("table[aria-label='Reachability matrix'] tbody tr[data-client]");
  await expect(rows).toHaveCount(lab.clients.length);
  const entries = await rows.evaluateAll((trs) =>
    trs.map((tr) => [tr.getAttribute("data-client")!, tr.querySelector("[data-verdict]")!.getAttribute("data-verdict")!] as const),
  );
  return Object.fromEntries(entries);
}

/** Downloads the export behind `testId` and opens it from disk with the network off and JavaScript disabled. */
async function openOffline(page: Page, browser: Browser, testId: string) {
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId(testId).click()]);
  const path = test.info().outputPath(`${testId}.html`);
  await download.saveAs(path);
  const html = readFileSync(path, "utf8");
  const context = await browser.newContext({ offline: true, javaScriptEnabled: false, storageState: { cookies: [], origins: [] } });
  const attempted: string[] = [];
  await context.route("**/*", (route) => {
    if (route.request().url() === `file://${path}`) return route.continue();
    attempted.push(route.request().url());
    return route.abort();
  });
  const view = await context.newPage();
  view.on("request", (r) => {
    if (!r.url().startsWith("file:")) attempted.push(r.url());
  });
  await view.goto(`file://${path}`);
  return { view, html, attempted, close: () => context.close() };
}

test("the HTML export reads offline, with no script and no request, and shows the run page's verdicts", async ({
  page,
  browser,
  labRun,
}) => {
  await page.goto(`/?run=${labRun}`);
  const expected = await verdicts(page);
  const { view, html, attempted, close } = await openOffline(page, browser, "export-html");
  await expect(view.getByRole("heading", { level: 1 })).toHaveText("Rerun Doctor report");
  expect(await verdicts(view)).toEqual(expected);
  await expect(view.locator("svg [data-arrow='rerun-ports']")).toHaveAttribute("data-tone", "bad");
  await expect(view.locator("[data-code='RERUN_PORTS_FILTERED']").first()).toBeVisible();
  expect(html).not.toMatch(/<script/i);
  expect(await view.locator("script").count()).toBe(0);
  expect(attempted).toEqual([]);
  expect(html).toMatch(LAB_ADDRESS);
  await close();
});

test("the redacted HTML export has the same verdicts and no address or name of the fleet", async ({ page, browser, labRun }) => {
  await page.goto(`/?run=${labRun}`);
  const expected = Object.values(await verdicts(page)).sort();
  const { view, html, attempted, close } = await openOffline(page, browser, "export-html-redacted");
  expect(Object.values(await verdicts(view)).sort()).toEqual(expected);
  expect(html).not.toMatch(LAB_ADDRESS);
  for (const client of lab.clients) expect(html, client.name).not.toContain(client.name);
  expect(await view.locator("body").getAttribute("data-redacted")).toBe("yes");
  expect(attempted).toEqual([]);
  await close();
});

test("Ask a user to check shows the fixed script and one-line commands, lists the request and revokes it", async ({ page, labRun }) => {
  await page.goto(`/?run=${labRun}`);
  const panel = page.getByRole("region", { name: "Ask a user to check" });
  await panel.getByLabel("Label (e.g. the ticket)").fill("TICKET-77");
  await panel.getByRole("button", { name: "Ask a user to check" }).click();
  await expect(panel.getByTestId("user-probe-script")).toContainText("#!/bin/sh");
  const sh = await panel.getByRole("textbox", { name: "macOS / Linux (sh)" }).inputValue();
  expect(sh).toMatch(/^curl -fsS 'http:\/\/127\.0\.0\.1:\d+\/api\/user-probe\/[A-Za-z0-9_-]{43}\/script\.sh' \| sh$/);
  const script = await page.request.get(sh.split("'")[1]!);
  expect(script.status()).toBe(200);
  expect(await panel.getByTestId("user-probe-script").textContent()).toBe(await script.text());
  const row = panel.getByRole("list", { name: "User probes" }).locator("li", { hasText: "TICKET-77" });
  await expect(row).toContainText("waiting for the user");
  await row.getByRole("button", { name: "Revoke" }).click();
  await expect(row).toContainText("revoked");
  expect((await page.request.get(sh.split("'")[1]!)).status()).toBe(404);
});

test("a redacted share link offers the HTML export to anyone holding it, redacted", async ({ page, browser, labRun }) => {
  const created = await page.request.post(`/api/runs/${labRun}/share`, {
    data: { redact: true },
    headers: { authorization: `Bearer ${E2E_TOKEN}` },
  });
  expect(created.status()).toBe(201);
  const { url } = (await created.json()) as { url: string };
  const stranger = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const response = await stranger.request.get(`${url.replace("/share/", "/api/share/")}/export?format=html`);
  expect(response.status()).toBe(200);
  expect(response.headers()["content-disposition"]).toMatch(/^attachment; filename="rerun-doctor-[A-Za-z0-9-]+-redacted\.html"$/);
  expect(response.headers()["content-security-policy"]).toContain("default-src 'none'");
  const html = await response.text();
  expect(html).not.toMatch(LAB_ADDRESS);
  expect(html).toContain('data-redacted="yes"');
  await stranger.close();
});
