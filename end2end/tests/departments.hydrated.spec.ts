import { expect, test } from "@playwright/test";
import { login } from "./helpers";

test.beforeEach(async ({ page }) => {
  await login(page);
});

// Only meaningful once the island's WASM has loaded; the no-js project ignores this file.

test("the island validates as you type and reports no console errors", async ({ page }) => {
  const errors: string[] = [];
  page.on("console", (msg) => {
    if (msg.type() === "error") errors.push(msg.text());
  });
  page.on("pageerror", (err) => errors.push(err.message));

  await page.goto("/departments");
  const email = page.getByLabel("Email");
  // Typing before hydration finishes would be lost; wait until the island reacts.
  await expect(async () => {
    await email.fill("");
    await email.pressSequentially("not-an-email");
    await expect(page.getByText("Enter an email address like name@example.com.")).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 15_000 });
  await expect(email).toHaveAttribute("aria-invalid", "true");
  await expect(email).toHaveAttribute("aria-describedby", "department-email-error");

  await email.fill("ok@example.com");
  await expect(page.getByText("Enter an email address like name@example.com.")).toHaveCount(0);
  expect(errors).toEqual([]);
});

test("an added department appears without a page reload", async ({ page }) => {
  await page.goto("/departments");
  await page.waitForLoadState("networkidle");
  const name = `Sales ${Date.now().toString(36)}`;
  const navigations: string[] = [];
  page.on("framenavigated", (f) => navigations.push(f.url()));
  await page.getByLabel("Name").fill(name);
  await page.getByLabel("Email").fill("sales@example.com");
  await page.getByRole("button", { name: "Add department" }).click();
  await expect(page.getByRole("row", { name: new RegExp(name) })).toBeVisible();
  await expect(page.getByLabel("Name")).toHaveValue("");
  expect(navigations).toEqual([]);
});
