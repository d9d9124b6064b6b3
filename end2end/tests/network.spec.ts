import { expect, test } from "@playwright/test";
import { login } from "./helpers";

test("staff post a network issue and its update; anyone reads them on the status page", async ({ page, browser }) => {
  const title = `Core router ${Date.now().toString(36)}`;
  await login(page, "/network-issues");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Network issues");

  // An end before the start is refused, naming the field, and nothing is saved.
  await page.getByLabel("Title").fill(title);
  await page.getByLabel("Type").selectOption("server");
  await page.getByLabel("Affects").fill("London rack 4");
  await page.getByLabel("Priority").selectOption("critical");
  await page.getByLabel("Status", { exact: true }).selectOption("outage");
  await page.getByLabel("Starts (UTC)").fill("2026-12-01T10:00");
  await page.getByLabel("Ends (UTC)").fill("2026-12-01T09:00");
  await page.getByRole("button", { name: "Add issue" }).click();
  await expect(page.getByText("The end date cannot be before the start date.").first()).toBeVisible();

  await page.goto("/network-issues");
  await page.getByLabel("Title").fill(title);
  await page.getByLabel("Priority").selectOption("critical");
  await page.getByLabel("Status", { exact: true }).selectOption("outage");
  await page.getByLabel("Starts (UTC)").fill("2026-12-01T10:00");
  await page.getByRole("button", { name: "Add issue" }).click();
  await expect(page.getByText("The network issue was saved.")).toBeVisible();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(title);

  await page.getByLabel("Update", { exact: true }).fill("Traffic moved to the spare router.");
  await page.getByLabel("Change the status to").selectOption("in_progress");
  await page.getByRole("button", { name: "Post update" }).click();
  await expect(page.getByText("The update was posted.")).toBeVisible();

  // A visitor without a login sees it among the current issues, with its update.
  const visitor = await browser.newContext();
  const anonymous = await visitor.newPage();
  await anonymous.goto("/network-status");
  await expect(anonymous.getByRole("heading", { level: 1 })).toHaveText("Network status");
  const card = anonymous.getByRole("article", { name: title });
  await expect(card).toContainText("In progress");
  await expect(card).toContainText("Traffic moved to the spare router.");
  await visitor.close();

  // The Dashboard lists it for staff.
  await page.goto("/");
  await expect(page.getByRole("region", { name: "Current issues" })).toContainText(title);
});
