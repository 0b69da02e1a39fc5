import { expect, test } from "./fixtures";

const FAILING_RERUN_PORTS = [
  "docker-user-blocked-users",
  "host-input-drops-rerun",
  "host-nft-drops-rerun",
  "override-nat-gateway",
  "override-stale",
  "sg-drops-part",
  "sg-drops-rerun-range",
  "users-overlap-docker-bridge",
];

test("the diagram's failing rerun-ports arrow filters the matrix to the clients that fail it", async ({ page, labRun }) => {
  await page.goto(`/?run=${labRun}`);
  const arrow = page.locator('[data-arrow="rerun-ports"]');
  await expect(arrow).toHaveAttribute("data-tone", "bad");
  await expect(arrow).toContainText(`${FAILING_RERUN_PORTS.length} of`);
  // From the keyboard, as an admin tabbing through the figure would.
  await page.getByRole("link", { name: /ports 64535–65535/ }).focus();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/arrow=rerun-ports/);
  await expect(page.getByTestId("arrow-filter")).toContainText("Showing clients that fail");
  const rows = page.getByRole("table", { name: "Reachability matrix" }).locator("tr[data-client]");
  await expect(rows).toHaveCount(FAILING_RERUN_PORTS.length);
  expect((await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute("data-client")))).sort()).toEqual(FAILING_RERUN_PORTS);

  await page.reload();
  await expect(rows).toHaveCount(FAILING_RERUN_PORTS.length);
  await page.getByRole("button", { name: "Show all" }).click();
  await expect(page).not.toHaveURL(/arrow=/);
  await expect(rows).not.toHaveCount(FAILING_RERUN_PORTS.length);
});

test("the diagram narrows to one client from its page", async ({ page, labRun }) => {
  await page.goto(`/?run=${labRun}`);
  await page.getByRole("link", { name: "sg-drops-part" }).click();
  await page.getByRole("link", { name: "This client on the diagram" }).click();
  const figure = page.locator('figure[data-selected="sg-drops-part"]');
  await expect(figure).toBeVisible();
  await expect(figure.locator('[data-arrow="rerun-ports"]')).toHaveAttribute("data-tone", "bad");
  await expect(figure.locator('[data-arrow="metadata"]')).toHaveAttribute("data-tone", "good");
});
