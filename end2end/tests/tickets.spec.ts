import { expect, test } from "@playwright/test";
import { ADMIN, inviteAndAccept, login, mailTo } from "./helpers";

test("a ticket opened for an email address gets a signed reply and a note; the department hears of it", async ({
  page,
  browser,
}, testInfo) => {
  const stamp = `${testInfo.project.name.replace(/\W/g, "")}${Date.now().toString(36)}t`;
  const department = `Desk ${stamp}`;
  const requester = `rita.${stamp}@example.net`;
  await login(page);

  // A department, and a Support Operator in it with ticket notifications on.
  await page.goto("/departments");
  await page.getByLabel("Name").fill(department);
  await page.getByLabel("Email").fill("desk@example.com");
  await page.getByRole("button", { name: "Add department" }).click();
  await expect(page.getByRole("row", { name: new RegExp(department) })).toBeVisible();
  const dora = await inviteAndAccept(page, browser, testInfo.project.use.javaScriptEnabled, stamp, "Support Operator", [
    department,
  ]);

  // The test admin signs their replies.
  await page.goto("/account");
  await page.getByLabel("Ticket signature").fill(`Erin\nSupport ${stamp}`);
  await page.getByLabel("Current password", { exact: true }).first().fill(ADMIN.password);
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByRole("status")).toBeVisible();

  // Open a ticket on the requester's behalf.
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Support desk" }).click();
  await expect(page).toHaveTitle("Support tickets — Staffdesk");
  await page.getByRole("link", { name: "Open a ticket" }).click();
  await page.getByLabel("Department").selectOption({ label: department });
  await page.getByLabel("Requester's name").fill("Rita Requester");
  await page.getByLabel("Requester's email").fill(requester);
  await page.getByLabel("Subject").fill(`Printer on fire ${stamp}`);
  await page.getByLabel("Priority").selectOption({ label: "High" });
  await page.getByLabel("Message").fill("It is on fire. See https://example.com/photo <b>now</b>");
  await page.getByRole("button", { name: "Open the ticket" }).click();
  await expect(page.getByRole("status")).toContainText("The ticket is open.");
  const heading = await page.getByRole("heading", { level: 1 }).textContent();
  const reference = heading!.match(/[A-Z]{3}-\d{6}/)![0];
  await expect(page.locator(".status").first()).toHaveText("Open");
  // Stored markup shows as text; the address is a link.
  const first = page.locator(".message").first();
  await expect(first).toContainText("<b>now</b>");
  await expect(first.getByRole("link", { name: "https://example.com/photo" })).toHaveAttribute(
    "href",
    "https://example.com/photo",
  );

  // The department's admin sees it awaiting a reply, and was emailed about it.
  await dora.page.goto("/tickets");
  await expect(dora.page.getByRole("row", { name: new RegExp(reference) })).toBeVisible();
  const toDora = await mailTo(`dora.${stamp}@example.com`, 2);
  expect(toDora.some((m) => m.includes(`/tickets/${reference}`))).toBe(true);

  // Reply: Answered, with the signature, emailed to the requester with the reference.
  await page.getByLabel("Your reply").fill("We are on it.");
  await page.getByRole("button", { name: "Send reply" }).click();
  await expect(page.getByRole("status")).toContainText("Your reply was sent.");
  await expect(page.locator(".page-head .status")).toHaveText("Answered");
  await expect(page.locator(".message.staff")).toContainText(`We are on it.\n\nErin\nSupport ${stamp}`);
  const toRequester = await mailTo(requester);
  expect(toRequester[0]).toContain(`Subject: [Ticket ${reference}] Printer on fire ${stamp}`);
  expect(toRequester[0]).toContain(`Support ${stamp}`);
  expect(toRequester[0]).toMatch(/In-Reply-To: <ticket\./);

  // A note: shown apart, never emailed.
  await page.getByLabel("Note", { exact: true }).fill("Customer sounds worried.");
  await page.getByRole("button", { name: "Save note" }).click();
  await expect(page.getByRole("status")).toContainText("The note was saved.");
  await expect(page.locator(".message.note")).toContainText("Customer sounds worried.");
  await expect(page.locator(".message.note")).toContainText("Internal note");
  await page.waitForTimeout(1500);
  expect((await mailTo(requester)).length).toBe(1);
  expect((await mailTo(`dora.${stamp}@example.com`)).some((m) => m.includes("worried"))).toBe(false);

  // Answered is no longer awaiting a reply; "All" still lists it.
  await dora.page.goto("/tickets");
  await expect(dora.page.getByRole("row", { name: new RegExp(reference) })).toHaveCount(0);
  await dora.page.getByRole("link", { name: "All" }).click();
  await expect(dora.page.getByRole("row", { name: new RegExp(reference) })).toBeVisible();
  await dora.context.close();
});
