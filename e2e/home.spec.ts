import { expect, test } from "./fixtures";

test("the home page names the product and offers a run", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Rerun Doctor");
  await expect(page.getByRole("button", { name: /Run diagnosis|Running/ })).toBeVisible();
});

test("a cookie-authenticated write from another origin is refused (CSRF)", async ({ page }) => {
  const response = await page.request.post("/api/runs", { headers: { origin: "http://evil.example" } });
  expect(response.status()).toBe(403);
});
