import { expect, test } from "@playwright/test";
import { acceptLinkFor, login } from "./helpers";

test("an admin invites someone who accepts and lands on the Dashboard", async ({ page, browser }, testInfo) => {
  const stamp = `${testInfo.project.name.replace(/\W/g, "")}${Date.now().toString(36)}`;
  const email = `bob.${stamp}@example.com`;

  await login(page, "/admins");
  await page.getByRole("link", { name: "Add an Admin" }).click();
  await expect(page).toHaveTitle("Add an Admin — Staffdesk");
  await page.getByLabel("First name").fill("Bob");
  await page.getByLabel("Last name").fill(`Builder ${stamp}`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Administrator role").selectOption({ label: "Support Operator" });
  await page.getByRole("button", { name: "Send Invitation" }).click();
  await expect(page.getByRole("status")).toContainText("Invitation sent");
  await expect(page.getByRole("region", { name: "Pending invitations" })).toContainText(email);

  const link = await acceptLinkFor(email);
  const invitee = await browser.newContext({ javaScriptEnabled: testInfo.project.use.javaScriptEnabled });
  const accept = await invitee.newPage();
  await accept.goto(link);
  await expect(accept).toHaveTitle("Accept Invitation — Staffdesk");
  await expect(accept.getByRole("heading", { name: "Accept your invitation" })).toBeVisible();
  await expect(accept.getByText(`Bob Builder ${stamp}, you are invited to the`)).toBeVisible();
  await expect(accept.getByText("Support Operator")).toBeVisible();

  const submit = async (username: string, password: string, confirmation = password) => {
    await accept.getByLabel("Username").fill(username);
    await accept.getByLabel("Password", { exact: true }).fill(password);
    await accept.getByLabel("Confirm password").fill(confirmation);
    await accept.getByRole("button", { name: "Create Account" }).click();
  };

  await submit("9lives", "a sensible passphrase 42");
  await expect(accept.getByText("A username must begin with a letter (A–Z or a–z).")).toBeVisible();

  await submit(`bob${stamp}`, "bad <password> here");
  await expect(accept.getByText(`A password cannot contain the characters & " ' < or >.`)).toBeVisible();

  await submit(`bob${stamp}`, "a sensible passphrase 42");
  await expect(accept).toHaveTitle("Dashboard — Staffdesk");
  await expect(accept.getByRole("banner")).toContainText(`Bob Builder ${stamp}`);
  await expect(accept.getByRole("banner")).toContainText("Support Operator");

  // The link is spent now.
  const again = await accept.goto(link);
  expect(again?.status()).toBe(410);
  await expect(accept.getByRole("heading", { name: "This invitation was already used" })).toBeVisible();
  await invitee.close();

  await page.goto("/admins");
  await expect(page.getByRole("row", { name: new RegExp(`bob${stamp}`) })).toBeVisible();
});

test("an unknown invitation link explains what to do", async ({ page }) => {
  const res = await page.goto("/invite/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
  expect(res?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "This invitation link is not valid" })).toBeVisible();
  await expect(page.getByText("contact the administrator who invited you")).toBeVisible();
});
