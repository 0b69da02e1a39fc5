import { expect, test } from "./fixtures";
import { E2E_BASE_URL, E2E_TOKEN } from "./env";

// Signing in is what these specs are about: they start without the saved session.
test.use({ storageState: { cookies: [], origins: [] } });

test("a page without a session redirects to login, and a wrong token is refused", async ({ page }) => {
  await page.goto("/?run=00000000-0000-4000-8000-000000000000");
  await expect(page).toHaveURL(/\/login\?next=/);
  await page.getByLabel("Admin token").fill("not-the-token");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText("That token is not the admin token.")).toBeVisible();
});

test("the API answers 401 without credentials and accepts the Bearer token", async ({ request }) => {
  expect((await request.get("/api/runs")).status()).toBe(401);
  expect((await request.post("/api/runs")).status()).toBe(401);
  expect((await request.get("/api/runs", { headers: { authorization: "Bearer wrong" } })).status()).toBe(401);
  expect((await request.get("/api/runs", { headers: { authorization: `Bearer ${E2E_TOKEN}` } })).status()).toBe(200);
});

test("the favicon (public/) is served to anyone, like the login page that shows it", async ({ request }) => {
  const icon = await request.get("/favicon.svg");
  expect(icon.status()).toBe(200);
  expect(icon.headers()["content-type"]).toMatch(/image\/svg\+xml/);
});

test("login sets an httpOnly, SameSite=Strict session cookie and returns to the page asked for", async ({ page, context }) => {
  await page.goto("/login?next=%2F%3Fsort%3Dname");
  await page.getByLabel("Admin token").fill(E2E_TOKEN);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/\?sort=name$/);
  const [cookie] = (await context.cookies()).filter((c) => c.name === "rd_session");
  expect(cookie).toMatchObject({ httpOnly: true, sameSite: "Strict", path: "/" });
});

test("login never sends the browser to another site, whatever next= says", async ({ page }) => {
  // Chromium drops the tab from "/\t/evil.example" and reads "//evil.example" as a host (it then
  // lands on an error page, having no DNS here: still not our origin).
  for (const next of ["/\t/evil.example", "/.//evil.example", "/\\evil.example", "https://evil.example/"]) {
    await page.context().clearCookies();
    await page.goto(`/login?${new URLSearchParams({ next })}`);
    await page.getByLabel("Admin token").fill(E2E_TOKEN);
    await page.getByRole("button", { name: "Sign in" }).click();
    // Both the fixed and the hijacked landing have the path "/": only the origin tells them apart.
    await page.waitForURL((url) => url.pathname === "/");
    expect(new URL(page.url()).origin, JSON.stringify(next)).toBe(new URL(E2E_BASE_URL).origin);
  }
});
