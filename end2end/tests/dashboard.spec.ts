import { expect, test } from "@playwright/test";
import { ADMIN, inviteAndAccept, login } from "./helpers";

test("the dashboard shows recent activity, follows other admins live, and the log filters by actor", async ({ page, browser }, testInfo) => {
  const hydrated = testInfo.project.use.javaScriptEnabled;
  const stamp = `${testInfo.project.name.replace(/\W/g, "")}${Date.now().toString(36)}d`;
  await login(page);
  const fay = await inviteAndAccept(page, browser, hydrated, stamp, "Full Administrator");
  const board = fay.page;

  await expect(board.getByText("Welcome, Dora. You are signed in as Full Administrator.")).toBeVisible();
  const activity = board.getByRole("region", { name: "Recent activity" });
  await expect(activity).toContainText("Invitation accepted");
  await expect(activity).toContainText(`dora.${stamp}@example.com`);

  if (hydrated) {
    await expect(board.getByText("Live: updates appear without reloading.")).toBeVisible();
    // A marker that a reload would wipe.
    await board.evaluate(() => {
      (window as unknown as { stillHere: boolean }).stillHere = true;
    });
  }

  // Another admin, in another browser context, adds a department.
  const department = `Night shift ${stamp}`;
  await page.goto("/departments");
  await page.getByLabel("Name", { exact: true }).fill(department);
  await page.getByLabel("Email").fill("night@example.com");
  await page.getByRole("button", { name: "Add department" }).click();
  await expect(page.getByRole("cell", { name: department, exact: true })).toBeVisible();

  if (hydrated) {
    await expect(activity).toContainText(department, { timeout: 10_000 });
    expect(await board.evaluate(() => (window as unknown as { stillHere?: boolean }).stillHere)).toBe(true);
  } else {
    await board.reload();
    await expect(board.getByRole("region", { name: "Recent activity" })).toContainText(department);
  }

  // The Activity Log, filtered to what Erin did.
  await board.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Activity Log" }).click();
  await expect(board).toHaveTitle("Activity Log — Staffdesk");
  await board.getByLabel("Who").selectOption({ label: `${ADMIN.name} (${ADMIN.username})` });
  await board.getByRole("button", { name: "Apply" }).click();
  await expect(board).toHaveURL(/actor=\d+/);
  const rows = board.locator("table.audit tbody tr");
  await expect(rows.first()).toBeVisible();
  const actors = await rows.locator("td:nth-child(2)").allInnerTexts();
  expect(actors.length).toBeGreaterThan(0);
  // Erin, also where Erin acted in a client's Client Area ("Erin Tester (as …)").
  for (const actor of actors) expect(actor === ADMIN.name || actor.startsWith(`${ADMIN.name} (as `)).toBe(true);
  await expect(board.locator("table.audit")).toContainText("Department created");
  await expect(board.locator("table.audit")).toContainText(department);
  await fay.context.close();
});
