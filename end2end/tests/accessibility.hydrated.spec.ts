import { expect, test } from "@playwright/test";
import { expectAccessible, inviteAndAccept, login } from "./helpers";

// Every page the end-to-end suite reaches, checked with axe-core: no serious or critical
// violations. Pages reached only in a flow (set-up, recovery codes, second step) are checked
// inside the flows' own tests as well.

test("pages before login are accessible", async ({ page }) => {
  for (const path of [
    "/login",
    "/login?lang=de",
    "/invite/not-a-real-token",
    "/reset/not-a-real-token",
    "/login/two-factor",
    "/client/login",
    "/client/login?lang=es",
    "/client/reset",
    "/client/reset/not-a-real-token",
    "/client/invite/not-a-real-token",
    "/network-status",
    "/announcements",
  ]) {
    await page.goto(path);
    await expectAccessible(page, path);
  }
});

test("every page of the admin area is accessible", async ({ page, browser }, testInfo) => {
  // About twenty pages, each analysed by axe: far more than one page's work.
  test.setTimeout(120_000);
  await login(page);
  const pages = [
    "/",
    "/departments",
    "/admins",
    "/admins/invite",
    "/admins/1",
    "/admins/1/logins",
    "/roles",
    "/roles/new",
    "/activity",
    "/activity?action=auth.login",
    "/account",
    "/reports",
    "/reports/tickets_opened",
    "/reports/income?preset=last_12_months",
    "/reports/aging",
    "/network-issues",
    "/manage/announcements",
    "/manage/announcements/new",
    "/account/logins",
    "/account/two-factor",
    "/account/two-factor/recovery-codes",
    "/clients",
    "/clients/new",
    "/search?q=a",
    "/no-such-page",
  ];
  for (const path of pages) {
    await page.goto(path);
    await expectAccessible(page, path);
  }
  // A department's and a role's edit pages, reached from their lists.
  await page.goto("/departments");
  const edit = page.getByRole("link", { name: /^Edit/ }).first();
  if (await edit.count()) {
    await edit.click();
    await expectAccessible(page, "a department's edit page");
  }
  await page.goto("/roles");
  await page.getByRole("link", { name: /^Edit/ }).first().click();
  await expectAccessible(page, "a role's edit page");

  // A client's Summary and its forms, with an invoice.
  const client = `A11y${Date.now().toString(36)}`;
  await page.goto("/clients/new");
  await page.getByLabel("First name").fill("Ally");
  await page.getByLabel("Last name").fill(client);
  await page.getByLabel("Email address").fill(`${client.toLowerCase()}@example.com`);
  await page.getByLabel("Country").selectOption("NL");
  await page.getByRole("button", { name: "Add client" }).click();
  await expect(page.getByText("The client was added.")).toBeVisible();
  const summary = new URL(page.url()).pathname;
  await expectAccessible(page, "a client's Summary");
  for (const path of ["/edit", "/contacts/new", "/services/new", "/invoices", "/invoices/new"]) {
    await page.goto(summary + path);
    await expectAccessible(page, `a client's ${path}`);
  }
  await page.getByLabel("Description of line 1").fill("Hosting");
  await page.getByLabel("Amount of line 1").fill("10");
  await page.getByRole("button", { name: "Create invoice" }).click();
  await expect(page.getByText("The invoice was saved.")).toBeVisible();
  await expectAccessible(page, "an invoice");

  // The 403 page, as an admin whose role lacks the permission.
  const stamp = `a11y${Date.now().toString(36)}`;
  const dora = await inviteAndAccept(page, browser, testInfo.project.use.javaScriptEnabled, stamp, "Support Operator");
  await dora.page.goto("/roles");
  await expect(dora.page).toHaveTitle("Access denied — Staffdesk");
  await expectAccessible(dora.page, "the 403 page");
  await dora.context.close();
});
