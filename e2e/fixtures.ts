import { test as base, expect, type APIRequestContext, type Page } from "@playwright/test";
import { readManifest, type LabManifest } from "../lab";
import { E2E_BASE_URL, E2E_TOKEN } from "./env";

/** A run of the whole lab is ~20 s; under a squeezed CPU several times that. A wait, not an assertion. */
export const RUN_DEADLINE_MS = 240_000;

interface WorkerFixtures {
  /** The lab as `lab up` wrote it. */
  lab: LabManifest;
  /** One finished run of the whole lab, shared by every spec that only reads a run. */
  labRun: string;
}

interface Fixtures {
  /** Dialogs a page opened (a script in remote data that ran would open one); each is dismissed. */
  dialogs: string[];
}

async function api(request: APIRequestContext, path: string, method: "GET" | "POST" = "GET"): Promise<{ id?: string; status?: string }> {
  const response = await request.fetch(`${E2E_BASE_URL}${path}`, { method, headers: { authorization: `Bearer ${E2E_TOKEN}` } });
  expect(response.ok(), `${method} ${path}: ${response.status()}`).toBe(true);
  return (await response.json()) as { id?: string; status?: string };
}

/** Starts a run through the API and waits until it is done; returns its id. */
export async function finishedRunViaApi(request: APIRequestContext): Promise<string> {
  const { id } = await api(request, "/api/runs", "POST");
  for (const until = Date.now() + RUN_DEADLINE_MS; Date.now() < until; await new Promise((r) => setTimeout(r, 500))) {
    if ((await api(request, `/api/runs/${id}`)).status !== "running") return id!;
  }
  throw new Error(`run ${id} still running after ${RUN_DEADLINE_MS} ms`);
}

export const test = base.extend<Fixtures, WorkerFixtures>({
  lab: [async ({}, use) => use(readManifest()), { scope: "worker" }],
  labRun: [
    async ({ playwright }, use) => {
      const request = await playwright.request.newContext();
      await use(await finishedRunViaApi(request));
      await request.dispose();
    },
    { scope: "worker", timeout: RUN_DEADLINE_MS + 10_000 },
  ],
  dialogs: async ({ page }, use) => {
    const seen: string[] = [];
    page.on("dialog", (dialog) => {
      seen.push(dialog.message());
      void dialog.dismiss();
    });
    await use(seen);
  },
});

/** Opens the home page once no run is in progress there, presses Run and returns the new run's id. */
export async function pressRun(page: Page): Promise<string> {
  await page.goto("/");
  const button = page.getByRole("button", { name: "Run diagnosis" });
  await expect(button).toBeEnabled({ timeout: RUN_DEADLINE_MS });
  await button.click();
  await expect(page).toHaveURL(/\?run=[0-9a-f-]{36}$/, { timeout: 30_000 });
  return new URL(page.url()).searchParams.get("run")!;
}

/** Waits until the run on the page has every lab client and is done. */
export async function waitUntilDone(page: Page, lab: LabManifest): Promise<void> {
  const total = lab.clients.length;
  await expect(page.getByTestId("run-progress")).toContainText(`${total} of ${total} clients`, { timeout: RUN_DEADLINE_MS });
  await expect(page.getByTestId("run-progress")).toContainText("done");
}

export { expect };
