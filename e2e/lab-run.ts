import type { Page } from "@playwright/test";
import { readManifest } from "../lab";
import { expect } from "./fixtures";

export const lab = readManifest();

/** Presses Run and waits until the new run has every lab client and is done; returns its id. */
export async function runToCompletion(page: Page): Promise<string> {
  const before = page.url();
  await page.getByRole("button", { name: "Run diagnosis" }).click();
  await expect(page).not.toHaveURL(before);
  await expect(page).toHaveURL(/\?run=[0-9a-f-]{36}$/);
  const total = lab.clients.length;
  await expect(page.getByTestId("run-progress")).toContainText(`${total} of ${total} clients`, { timeout: 45_000 });
  await expect(page.getByTestId("run-progress")).toContainText("done");
  await page.waitForLoadState("networkidle");
  return new URL(page.url()).searchParams.get("run")!;
}
