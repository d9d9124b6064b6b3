import { expect, test } from "@playwright/test";
import { ADMIN, login } from "./helpers";

test("a protected page sends you to login, and logging in brings you back", async ({ page }) => {
  await page.goto("/departments");
  await expect(page).toHaveURL(/\/login\?next=%2Fdepartments$/);
  await expect(page).toHaveTitle("Log in — Staffdesk");
  await page.getByLabel("Username").fill(ADMIN.username);
  await page.getByLabel("Password").fill(ADMIN.password);
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page).toHaveURL(/\/departments$/);
  await expect(page.getByRole("heading", { level: 1, name: "Support Departments" })).toBeVisible();
  const banner = page.getByRole("banner");
  await expect(banner).toContainText(ADMIN.name);
  await expect(banner).toContainText("Full Administrator");
});

test("wrong credentials get one generic message", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("Username").fill(ADMIN.username);
  await page.getByLabel("Password").fill("definitely not the password");
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page.getByRole("alert")).toHaveText("The username or password is incorrect.");
  await expect(page).toHaveTitle("Log in — Staffdesk");
});

test("logging out ends the session", async ({ page }) => {
  await login(page);
  await page.getByRole("button", { name: "Log out" }).click();
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.getByRole("banner")).not.toContainText(ADMIN.name);
  await page.goto("/");
  await expect(page).toHaveURL(/\/login\?next=%2F$/);
});
