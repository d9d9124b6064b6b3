import { expect, test } from "@playwright/test";
import { login } from "./helpers";

test.beforeEach(async ({ page }) => {
  await login(page);
});

// Only meaningful once the island's WASM has loaded; the no-js project ignores this file.

test("fields validate as you type, and the page reports no console errors", async ({ page }) => {
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

test("Add an Admin checks the username rule as you type, before any submit", async ({ page }) => {
  await page.goto("/admins/invite");
  const username = page.getByLabel("Username (optional)");
  await expect(async () => {
    await username.fill("");
    await username.pressSequentially("9lives");
    await expect(page.getByText("A username must begin with a letter (A–Z or a–z).")).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 15_000 });
  await expect(page).toHaveURL(/\/admins\/invite$/);
});
