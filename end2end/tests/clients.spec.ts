import { expect, test } from "@playwright/test";
import { login } from "./helpers";

test.beforeEach(async ({ page }) => {
  await login(page);
});

test("a client with a contact, a service and a paid invoice shows on its Summary, and the header search finds it", async ({
  page,
}, testInfo) => {
  const hydrated = testInfo.project.use.javaScriptEnabled;
  const stamp = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;
  const last = `Lovelace${stamp}`;

  // The client.
  await page.goto("/clients");
  await page.getByRole("link", { name: "Add a client" }).click();
  await page.getByLabel("First name").fill("Ada");
  await page.getByLabel("Last name").fill(last);
  await page.getByLabel("Company").fill("Analytical Engines");
  await page.getByLabel("Email address").fill(`ada.${stamp}@example.com`);
  await page.getByLabel("Country").selectOption("GB");
  await page.getByLabel("Currency").selectOption("GBP");
  await page.getByRole("button", { name: "Add client" }).click();
  await expect(page.getByText("The client was added.")).toBeVisible();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(`Ada ${last}`);

  // A contact who gets the invoice emails.
  await page.getByRole("link", { name: "Add a contact" }).click();
  await page.getByLabel("First name").fill("Charles");
  await page.getByLabel("Last name").fill("Babbage");
  await page.getByLabel("Email address").fill(`charles.${stamp}@example.com`);
  await page.getByLabel("Invoice emails").check();
  await page.getByRole("button", { name: "Add a contact" }).click();
  await expect(page.getByText("The contact was saved.")).toBeVisible();
  await expect(page.getByRole("row", { name: /Charles Babbage/ })).toContainText("Invoice emails");

  // A service.
  await page.getByRole("link", { name: "Add a service" }).click();
  await page.getByLabel("Product or service").fill("Difference Engine VPS");
  await page.getByLabel("Domain").fill(`engine-${stamp}.example`);
  await page.getByLabel("Amount").fill("19.99");
  await page.getByRole("button", { name: "Add a service" }).click();
  await expect(page.getByText("The service was saved.")).toBeVisible();
  await expect(page.getByRole("row", { name: /Difference Engine VPS/ })).toContainText("19.99 GBP");

  // An invoice at 20% tax, then marked paid.
  await page.getByRole("link", { name: "New invoice" }).first().click();
  await page.getByLabel("Description of line 1").fill("Hosting");
  await page.getByLabel("Amount of line 1").fill("10.00");
  await page.getByLabel("Tax rate").fill("20");
  await page.getByRole("button", { name: "Create invoice" }).click();
  await expect(page.getByText("The invoice was saved.")).toBeVisible();
  await expect(page.getByRole("row", { name: /Total/ })).toContainText("12.00 GBP");
  await page.getByLabel("Payment method").fill("Card");
  await page.getByRole("button", { name: "Record a payment" }).click();
  await expect(page.getByText("The payment was recorded.")).toBeVisible();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Paid");
  await expect(page.getByRole("row", { name: /Balance/ })).toContainText("0.00 GBP");

  // Everything on the Summary.
  await page.getByRole("link", { name: `Back to Ada ${last}` }).click();
  const invoices = page.locator("#invoices");
  await expect(invoices).toContainText("12.00 GBP (1)");
  await expect(invoices.getByRole("row").filter({ hasText: "Paid" }).last()).toBeVisible();
  await expect(page.locator("#contacts")).toContainText("Charles Babbage");
  await expect(page.locator("#services")).toContainText("Difference Engine VPS");
  await expect(page.locator("#log")).toContainText("Payment recorded");

  // The header search: suggestions as you type, or the results page without JavaScript.
  await page.goto("/");
  const search = page.getByRole("searchbox", { name: "Search clients, contacts, invoices and tickets" });
  if (hydrated) {
    await search.pressSequentially(last.slice(0, 12), { delay: 20 });
    await page.locator("#header-suggestions").getByRole("link", { name: new RegExp(last) }).click();
  } else {
    await search.fill(last);
    await search.press("Enter");
    await expect(page.getByRole("heading", { name: "Search", level: 1 })).toBeVisible();
    await page.getByRole("link", { name: `Ada ${last}` }).click();
  }
  await expect(page.getByRole("heading", { level: 1 })).toContainText(`Ada ${last}`);
});

test("a bad amount is refused with a message naming the field, and nothing is saved", async ({ page }) => {
  const stamp = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;
  await page.goto("/clients/new");
  await page.getByLabel("First name").fill("Bad");
  await page.getByLabel("Last name").fill(`Amount${stamp}`);
  await page.getByLabel("Email address").fill(`bad.${stamp}@example.com`);
  await page.getByLabel("Country").selectOption("DE");
  await page.getByLabel("Currency").selectOption("EUR");
  await page.getByRole("button", { name: "Add client" }).click();
  await expect(page.getByText("The client was added.")).toBeVisible();
  await page.getByRole("link", { name: "New invoice" }).first().click();
  await page.getByLabel("Description of line 1").fill("Hosting");
  await page.getByLabel("Amount of line 1").fill("-5");
  await page.getByRole("button", { name: "Create invoice" }).click();
  await expect(page.getByText("Line items: The amount cannot be negative.")).toBeVisible();
  await page.getByRole("link", { name: `Back to Bad Amount${stamp}` }).click();
  await expect(page.locator("#invoices")).toContainText("No invoices yet.");
});
