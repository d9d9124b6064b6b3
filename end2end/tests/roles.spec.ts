import { expect, test } from "@playwright/test";
import { inviteAndAccept, login } from "./helpers";

test("a custom role limits what its administrator sees and may open", async ({ page, browser }, testInfo) => {
  const hydrated = testInfo.project.use.javaScriptEnabled;
  const stamp = `${testInfo.project.name.replace(/\W/g, "")}${Date.now().toString(36)}`;
  const roleName = `Desk viewers ${stamp}`;

  await login(page, "/roles");
  await expect(page).toHaveTitle("Administrator Roles — Staffdesk");
  await page.getByRole("link", { name: "Add a role" }).click();
  await expect(page.getByRole("heading", { name: "Add a role" })).toBeVisible();
  await page.getByLabel("Role name").fill(roleName);

  if (hydrated) {
    // Ticking a permission ticks what it needs; unticking the need unticks it again. A tick
    // before the picker's island has loaded (a busy machine) is not followed: tick again.
    await expect(async () => {
      await page.getByLabel("Manage support departments").setChecked(false);
      await page.getByLabel("Manage support departments").check();
      await expect(page.getByLabel("View support departments")).toBeChecked({ timeout: 1000 });
    }).toPass();
    await page.getByLabel("View support departments").uncheck();
    await expect(page.getByLabel("Manage support departments")).not.toBeChecked();
  } else {
    // Without the WASM the server enforces the rule, and says which permission is missing.
    await page.getByLabel("Manage support departments").check();
    await page.getByRole("button", { name: "Create role" }).click();
    await expect(
      page.getByText("“Manage support departments” needs “View support departments”. Tick both, or neither."),
    ).toBeVisible();
    await page.getByLabel("Role name").fill(roleName);
    await page.getByLabel("Manage support departments").uncheck();
  }
  await page.getByLabel("View administrators").check();
  await page.getByLabel("View support departments").check();
  await page.getByRole("button", { name: "Create role" }).click();
  await expect(page.getByRole("status")).toContainText("The role was created.");
  await expect(page.getByRole("row", { name: new RegExp(roleName) })).toContainText(
    "View administrators, View support departments",
  );

  // Invite an administrator with it.
  const { context, page: dora, username, password } = await inviteAndAccept(page, browser, hydrated, stamp, roleName);

  // Log out and in again through the login form.
  await dora.getByRole("button", { name: "Log out" }).click();
  await expect(dora).toHaveTitle("Log in — Staffdesk");
  await dora.getByLabel("Username").fill(username);
  await dora.getByLabel("Password").fill(password);
  await dora.getByRole("button", { name: "Log in" }).click();
  await expect(dora.getByRole("banner")).toContainText(roleName);

  const nav = dora.getByRole("navigation", { name: "Main" });
  await expect(nav.getByRole("link")).toHaveText(["Dashboard", "Administrators", "Departments"]);

  // Allowed pages open; a forbidden one answers 403 and names the missing permission.
  await nav.getByRole("link", { name: "Departments" }).click();
  await expect(dora).toHaveTitle("Support Departments — Staffdesk");
  await expect(dora.getByRole("heading", { name: "Add a department" })).toHaveCount(0);
  const forbidden = await dora.goto("/roles");
  expect(forbidden?.status()).toBe(403);
  await expect(dora.getByRole("alert")).toContainText(
    "Your administrator role does not include the “Manage administrator roles” permission.",
  );
  const invite = await dora.goto("/admins/invite");
  expect(invite?.status()).toBe(403);
  await expect(dora.getByRole("alert")).toContainText("“Send invitations”");
  await context.close();
});
