import { expect, test } from "./fixtures";

test("the home page names the product and offers a run", async ({ adminPage }) => {
  await expect(adminPage.getByRole("heading", { level: 1 })).toHaveText("Rerun Doctor");
  await expect(adminPage.getByRole("button", { name: "Run diagnosis" })).toBeEnabled();
});
