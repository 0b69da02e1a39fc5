import { test as base, expect, type Page } from "@playwright/test";
import { E2E_TOKEN } from "./env";

interface Fixtures {
  /** A page whose browser context holds an admin session cookie. */
  adminPage: Page;
}

export const test = base.extend<Fixtures>({
  adminPage: async ({ page }, use) => {
    await page.goto("/login");
    await page.getByLabel("Admin token").fill(E2E_TOKEN);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).not.toHaveURL(/\/login/);
    await expect(page.getByRole("button", { name: "Run diagnosis" })).toBeVisible();
    await use(page);
  },
});

export { expect };
