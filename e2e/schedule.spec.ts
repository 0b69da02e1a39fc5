import { expect, test } from "./fixtures";

test("the admin sets the schedule's interval on Run history, and goes back to the inventory's", async ({ page }) => {
  await page.goto("/runs");
  const panel = page.getByRole("region", { name: "Schedule and compaction" });
  await expect(panel).toContainText("No schedule"); // the lab inventory has no schedule: section
  await panel.getByLabel("Run every").fill("1440");
  await panel.getByRole("button", { name: "Save" }).click();
  await expect(panel).toContainText("Every 1440 min (set here); next run due");
  await page.reload();
  await expect(panel.getByLabel("Run every")).toHaveValue("1440");
  await panel.getByRole("button", { name: "Use the inventory's" }).click();
  await expect(panel).toContainText("No schedule");
});
