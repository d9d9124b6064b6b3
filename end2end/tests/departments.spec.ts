import { expect, test } from "@playwright/test";
import { login } from "./helpers";

test.beforeEach(async ({ page }) => {
  await login(page);
});

const unique = (prefix: string) => `${prefix} ${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;

test("a department added through the form appears in the list", async ({ page }) => {
  const name = unique("Billing");
  await page.goto("/departments");
  await page.getByLabel("Name").fill(name);
  await page.getByLabel("Email").fill("billing@example.com");
  await page.getByLabel("Description (optional)").fill("Invoices <b>and</b> refunds");
  await page.getByRole("button", { name: "Add department" }).click();
  const row = page.getByRole("row", { name: new RegExp(name) });
  await expect(row).toBeVisible();
  await expect(row).toContainText("Invoices <b>and</b> refunds");

  await page.reload();
  await expect(page.getByRole("row", { name: new RegExp(name) })).toBeVisible();
});

test("a duplicate department name is refused with a clear message", async ({ page }) => {
  const name = unique("Abuse");
  await page.goto("/departments");
  for (const attempt of [name, name.toUpperCase()]) {
    await page.getByLabel("Name").fill(attempt);
    await page.getByLabel("Email").fill("abuse@example.com");
    await page.getByRole("button", { name: "Add department" }).click();
    if (attempt === name) await expect(page.getByRole("row", { name: new RegExp(name) })).toBeVisible();
  }
  await expect(page.getByText(`A department named “${name.toUpperCase()}” already exists.`)).toBeVisible();
  await expect(page.getByRole("row", { name: new RegExp(name, "i") })).toHaveCount(1);
});
