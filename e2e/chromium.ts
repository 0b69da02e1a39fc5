/**
 * Debian's chromium, as every browser here is launched (tests, benchmark, screenshots): Playwright's
 * own download cannot work on these machines, and without the background flags Chromium dials out.
 */
export const CHROMIUM_LAUNCH = {
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/lib/chromium/chromium",
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
  ],
};
