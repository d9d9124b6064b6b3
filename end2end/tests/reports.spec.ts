import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { login } from "./helpers";

test("a support report opens with its chart, changes its range, and downloads its CSV", async ({ page }) => {
  await login(page, "/reports");
  await expect(page).toHaveTitle("Reports — Staffdesk");
  await page.getByRole("link", { name: "Tickets opened" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Tickets opened");
  // The chart is an image named by its title, with the figures as a table or an empty message.
  await expect(page.getByRole("img", { name: /Tickets opened/ })).toBeVisible();

  await page.getByLabel("Range", { exact: true }).selectOption("last_12_months");
  await page.getByRole("button", { name: "Show" }).click();
  await expect(page).toHaveURL(/preset=last_12_months/);
  await expect(page.getByLabel("Range", { exact: true })).toHaveValue("last_12_months");

  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "Download CSV" }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^staffdesk-tickets_opened-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.csv$/);
  const csv = readFileSync(await download.path(), "utf8");
  // Twelve months: one line per month after the header.
  expect(csv.startsWith('"Month",')).toBe(true);
  expect(csv.trim().split("\r\n").length).toBe(13);

  // A custom range with its end before its start is refused, naming the field.
  await page.getByLabel("Range", { exact: true }).selectOption("custom");
  await page.getByLabel("From", { exact: true }).fill("2026-05-01");
  await page.getByLabel("To", { exact: true }).fill("2026-04-01");
  await page.getByRole("button", { name: "Show" }).click();
  await expect(page.getByText("The end date cannot be before the start date.")).toBeVisible();
});
