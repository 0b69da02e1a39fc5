import { expect, test } from "./fixtures";

// A nonce that Next's scripts do not carry would leave pages unhydrated: Chromium itself must agree.
for (const path of ["/", "/runs", "/login"]) {
  test(`${path} runs every script under the CSP, and Chromium reports no violation`, async ({ page }) => {
    const violations: string[] = [];
    page.on("console", (message) => {
      if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
    });
    await page.addInitScript(() => {
      const seen: string[] = [];
      (window as unknown as { cspViolations: string[] }).cspViolations = seen;
      document.addEventListener("securitypolicyviolation", (e) => seen.push(`${e.violatedDirective} ${e.blockedURI}`));
    });
    const response = await page.goto(path);
    expect(response?.headers()["content-security-policy"]).toContain("'strict-dynamic'");
    await page.waitForLoadState("networkidle");
    // Next streams its payload through inline scripts: they ran only if the nonce let them.
    expect(await page.evaluate(() => Array.isArray((window as unknown as { __next_f?: unknown[] }).__next_f))).toBe(true);
    expect(await page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations)).toEqual([]);
    expect(violations).toEqual([]);
  });
}
