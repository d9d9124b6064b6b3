import { expect, test } from "@playwright/test";
import { login } from "./helpers";

// Markup typed into text fields is stored as text and shown as text on every page that shows it:
// no element it describes ever appears, and no script it carries ever runs.
test("markup in names and descriptions is shown as text everywhere", async ({ page }, testInfo) => {
  const stamp = `${testInfo.project.name.replace(/\W/g, "")}${Date.now().toString(36)}`;
  const name = `<img src=x onerror="window.pwned=1">Dept ${stamp}`;
  const description = `<script>window.pwned=2</script><b>bold</b> ${stamp}`;
  const role = `<i>Role</i> ${stamp}`;
  await login(page);

  await page.goto("/departments");
  await page.getByLabel("Name").fill(name);
  await page.getByLabel("Email").fill("markup@example.com");
  await page.getByLabel("Description (optional)").fill(description);
  await page.getByRole("button", { name: "Add department" }).click();
  await expect(page.getByRole("row", { name: new RegExp(stamp) })).toContainText(name);

  await page.goto("/roles/new");
  await page.getByLabel("Role name").fill(role);
  await page.getByLabel("View support departments").check();
  await page.getByRole("button", { name: "Create role" }).click();
  await expect(page.getByRole("row", { name: new RegExp(stamp) })).toContainText(role);

  for (const path of ["/departments", "/roles", "/activity", "/"]) {
    await page.goto(path);
    await expect(page.getByText(name).or(page.getByText(role)).filter({ visible: true }).first()).toBeVisible();
    await expect(page.locator('img[src="x"]')).toHaveCount(0);
    await expect(page.locator("b", { hasText: "bold" })).toHaveCount(0);
    await expect(page.locator("i", { hasText: "Role" })).toHaveCount(0);
    if (testInfo.project.use.javaScriptEnabled) {
      expect(await page.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();
    }
  }
  // The edit page shows the description in its text box, as typed.
  await page.goto("/departments");
  await page.getByRole("row", { name: new RegExp(stamp) }).getByRole("link", { name: /^Edit/ }).click();
  await expect(page.getByLabel("Description (optional)")).toHaveValue(description);
  await expect(page.locator('img[src="x"]')).toHaveCount(0);
});
