import { expect, test } from "@playwright/test";
import { ADMIN, acceptLinkFor, expectAccessible, login } from "./helpers";

test("staff invite a tickets-only user, who opens a ticket and sees the reply but never the note; staff log in as the client", async ({
  page,
  browser,
}, testInfo) => {
  test.setTimeout(90_000);
  const javaScriptEnabled = testInfo.project.use.javaScriptEnabled;
  const stamp = `${testInfo.project.name.replace(/\W/g, "")}${Date.now().toString(36)}c`;
  const department = `Client desk ${stamp}`;
  const email = `una.${stamp}@example.com`;
  // axe runs in the page's JavaScript: only where the page has it.
  const checkAccessible = async (p: typeof page, label: string) => {
    if (javaScriptEnabled) await expectAccessible(p, label);
  };
  await login(page);

  // A department that takes client tickets, and a client.
  await page.goto("/departments");
  await page.getByLabel("Name").fill(department);
  await page.getByLabel("Email").fill("clientdesk@example.com");
  await page.getByRole("button", { name: "Add department" }).click();
  await expect(page.getByRole("row", { name: new RegExp(department) })).toBeVisible();
  await page.goto("/clients/new");
  await page.getByLabel("First name").fill("Grace");
  await page.getByLabel("Last name").fill(`Hopper${stamp}`);
  await page.getByLabel("Email address").fill(`grace.${stamp}@example.com`);
  await page.getByLabel("Country").selectOption("US");
  await page.getByLabel("Currency").selectOption("USD");
  await page.getByRole("button", { name: "Add client" }).click();
  await expect(page.getByText("The client was added.")).toBeVisible();
  const summary = page.url().split("?")[0];

  // Invite a user with only "Tickets".
  const users = page.getByRole("region", { name: "Users" });
  await users.getByLabel("Email address").fill(email);
  await expect(users.getByLabel("Tickets")).toBeChecked();
  await expect(users.getByLabel("Invoices")).not.toBeChecked();
  await users.getByRole("button", { name: "Send invitation" }).click();
  await expect(page.getByText("The invitation was sent.")).toBeVisible();
  await expect(page.getByRole("region", { name: "Users" })).toContainText(email);

  // The user accepts in their own browser and lands in the Client Area.
  const link = await acceptLinkFor(email);
  expect(link).toContain("/client/invite/");
  const theirs = await browser.newContext({ javaScriptEnabled });
  const client = await theirs.newPage();
  await client.goto(link);
  await expect(client).toHaveTitle("Join a client account — Client Area");
  await checkAccessible(client, "invitation");
  await client.getByLabel("First name").fill("Una");
  await client.getByLabel("Last name").fill(`User ${stamp}`);
  await client.getByLabel("Password", { exact: true }).fill("short");
  await client.getByLabel("Confirm password").fill("short");
  await client.getByRole("button", { name: "Accept the invitation" }).click();
  await expect(client.getByText("at least 12 characters").first()).toBeVisible();
  // Without JavaScript the refused form came back empty: fill it in again.
  await client.getByLabel("First name").fill("Una");
  await client.getByLabel("Last name").fill(`User ${stamp}`);
  await client.getByLabel("Password", { exact: true }).fill("a sensible passphrase 42");
  await client.getByLabel("Confirm password").fill("a sensible passphrase 42");
  await client.getByRole("button", { name: "Accept the invitation" }).click();
  await expect(client.getByText("Welcome! You have joined the account.")).toBeVisible();
  await expect(client.getByRole("banner")).toContainText(`Una User ${stamp}`);
  const nav = client.getByRole("navigation", { name: "Main" });
  await expect(nav.getByRole("link", { name: "Tickets" })).toBeVisible();
  await expect(nav.getByRole("link", { name: "Invoices" })).toHaveCount(0);
  await checkAccessible(client, "client home");

  // An article for clients that answers mail questions.
  const article = `Mail delivery checks ${stamp}`;
  await page.goto("/kb/articles/new");
  await page.getByLabel("Title").fill(article);
  await page.getByLabel("Who may read it").selectOption("clients");
  await page.getByLabel("Text (Markdown)").fill("Check the **mail** queue first.");
  await page.getByRole("button", { name: "Save article" }).click();
  await expect(page.getByText("The article was saved.")).toBeVisible();

  // They open a ticket: the question first, with the articles that may answer it (as they type,
  // or on the next step without JavaScript).
  await client.getByRole("link", { name: "Open a ticket" }).first().click();
  const subject = client.getByLabel("Subject");
  if (javaScriptEnabled) {
    // Typing before the suggestions' island has loaded (a busy machine) is not followed: type
    // again until it is.
    const live = client.getByRole("region", { name: "Articles that may answer your question" });
    await expect(async () => {
      await subject.fill("");
      await subject.fill(`Mail is down ${stamp}`);
      await expect(live.getByRole("link", { name: article })).toBeVisible({ timeout: 1000 });
    }).toPass();
  } else {
    await subject.fill(`Mail is down ${stamp}`);
  }
  await client.getByRole("button", { name: "Continue" }).click();
  const before = client.getByRole("region", { name: "Before you open a ticket" });
  await expect(before.getByRole("link", { name: article })).toBeVisible();
  await expect(client.getByLabel("Subject")).toHaveValue(`Mail is down ${stamp}`);
  await client.getByLabel("Department").selectOption({ label: department });
  await client.getByLabel("Message").fill("No mail since this morning.");
  await checkAccessible(client, "new ticket");
  await client.getByRole("button", { name: "Open a ticket" }).click();
  await expect(client.getByText("Your ticket was opened.")).toBeVisible();
  const ticketUrl = client.url().split("?")[0];
  const reference = ticketUrl.split("/").pop()!;

  // Staff reply, and write a note.
  await page.goto(`/tickets/${reference}`);
  await expect(page.getByRole("link", { name: `Grace Hopper${stamp}` })).toBeVisible();
  await page.getByLabel("Your reply").fill(`We restarted the mail server ${stamp}.`);
  await page.getByRole("button", { name: "Send reply" }).click();
  await expect(page.getByText("Your reply was sent", { exact: false }).first()).toBeVisible();
  await page.getByLabel("Note", { exact: true }).fill(`Internal: blame the intern ${stamp}`);
  await page.getByRole("button", { name: "Save note" }).click();
  await expect(page.getByText(`Internal: blame the intern ${stamp}`)).toBeVisible();

  // The user sees the reply, never the note.
  await client.goto(ticketUrl);
  await expect(client.getByText(`We restarted the mail server ${stamp}.`)).toBeVisible();
  await expect(client.getByText(`blame the intern`)).toHaveCount(0);
  expect(await client.content()).not.toContain("blame the intern");
  await checkAccessible(client, "client ticket");

  // Invoices are not theirs to see.
  const denied = await client.goto("/client/invoices");
  expect(denied?.status()).toBe(403);
  // Nor is the admin area.
  await client.goto("/clients");
  await expect(client).toHaveURL(/\/login\?next=/);
  await theirs.close();

  // Staff make them the owner, then log in as the client in a separate session.
  await page.goto(summary);
  const row = page.getByRole("region", { name: "Users" }).getByRole("row", { name: new RegExp(`Una User ${stamp}`) });
  await row.locator("summary").click();
  await row.getByRole("button", { name: "Make owner" }).click();
  await expect(page.getByText("The user's permissions were saved.")).toBeVisible();
  const [opened] = await Promise.all([
    page.context().waitForEvent("page"),
    page.getByRole("region", { name: "Users" }).getByRole("button", { name: "Log in as client" }).click(),
  ]);
  await opened.waitForLoadState();
  await expect(opened).toHaveTitle("Open the Client Area — Client Area");
  await opened.getByRole("button", { name: "Continue to the Client Area" }).click();
  await expect(opened.getByRole("status").first()).toContainText(`opened by ${ADMIN.name}`);
  await expect(opened.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Invoices" })).toBeVisible();
  // The way back ends the client session only.
  await opened.getByRole("button", { name: "End and return to the admin area" }).click();
  await expect(opened).toHaveURL(new RegExp(`${summary.replace(/[/.]/g, "\\$&")}`));
  await expect(opened.getByRole("banner")).toContainText(ADMIN.name);
  await opened.close();
});

test("the Client Area's login refuses a wrong password with a clear message", async ({ page }, testInfo) => {
  await page.goto("/client");
  await expect(page).toHaveURL(/\/client\/login\?next=%2Fclient/);
  await page.getByLabel("Email address").fill("nobody@example.com");
  await page.getByLabel("Password").fill("not the password at all");
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page.getByRole("alert")).toContainText("The email address or password is incorrect.");
  if (testInfo.project.use.javaScriptEnabled) await expectAccessible(page, "client login");
});
