import { expect, test as setup } from "@playwright/test";
import { E2E_AUTH_STATE, E2E_TOKEN } from "./env";

// Logs in through the page once; every spec then starts with this session (dub's auth.setup.ts).
setup("sign in as the admin", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("Admin token").fill(E2E_TOKEN);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).not.toHaveURL(/\/login/);
  await page.context().storageState({ path: E2E_AUTH_STATE });
});
