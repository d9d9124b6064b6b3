import { expect, type Page } from "@playwright/test";

// .ci/test creates this administrator with `server create-admin` before the run.
export const ADMIN = {
  username: process.env.E2E_USERNAME ?? "erin",
  password: process.env.E2E_PASSWORD ?? "",
  name: "Erin Tester",
};

/** Logs in through the real login form and waits for the page it lands on. */
export async function login(page: Page, next = "/"): Promise<void> {
  expect(ADMIN.password, "E2E_PASSWORD must be set").not.toBe("");
  await page.goto(`/login?next=${encodeURIComponent(next)}`);
  await page.getByLabel("Username").fill(ADMIN.username);
  await page.getByLabel("Password").fill(ADMIN.password);
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page.getByRole("banner")).toContainText(ADMIN.name);
}
