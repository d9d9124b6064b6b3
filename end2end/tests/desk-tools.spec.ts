import { expect, test, type Page } from "@playwright/test";
import { inviteAndAccept, login } from "./helpers";

/** Creates a department by name. */
async function addDepartment(page: Page, name: string): Promise<void> {
  await page.goto("/departments");
  await page.getByLabel("Name").fill(name);
  await page.getByLabel("Email").fill(`desk.${Date.now()}@example.com`);
  await page.getByRole("button", { name: "Add department" }).click();
  await expect(page.getByRole("row", { name: new RegExp(name) })).toBeVisible();
}

/** Opens a ticket in `department`; returns its reference. */
async function openTicket(page: Page, department: string, subject: string): Promise<string> {
  await page.goto("/tickets/new");
  await page.getByLabel("Department").selectOption({ label: department });
  await page.getByLabel("Requester's name").fill("Rita Requester");
  await page.getByLabel("Requester's email").fill("rita@example.net");
  await page.getByLabel("Subject").fill(subject);
  await page.getByLabel("Message").fill("Something is wrong.");
  await page.getByRole("button", { name: "Open the ticket" }).click();
  await expect(page.getByRole("status")).toContainText("The ticket is open.");
  const heading = await page.getByRole("heading", { level: 1 }).textContent();
  return heading!.match(/[A-Z]{3}-\d{6}/)![0];
}

test("a reply written while another admin answered is caught before and at sending, and the text is kept", async ({
  page,
  browser,
}, testInfo) => {
  const js = testInfo.project.use.javaScriptEnabled !== false;
  const stamp = `${testInfo.project.name.replace(/\W/g, "")}${Date.now().toString(36)}c`;
  const department = `Collide ${stamp}`;
  await login(page);
  await addDepartment(page, department);
  const dora = await inviteAndAccept(page, browser, js, stamp, "Support Operator", [department]);
  const reference = await openTicket(page, department, `Two agents ${stamp}`);

  // Dora opens the ticket and starts writing.
  await dora.page.goto(`/tickets/${reference}`);
  await dora.page.getByLabel("Your reply").fill("Have you tried turning it off?");
  if (js) {
    // Her page reports her as present, so the other admin's page names her.
    await page.reload();
    await expect(page.locator(".presence")).toContainText(`Dora Viewer ${stamp}`, { timeout: 15_000 });
  }

  // Meanwhile the test admin answers.
  await page.getByLabel("Your reply").fill("Fixed it remotely.");
  await page.getByRole("button", { name: "Send reply" }).click();
  await expect(page.getByRole("status")).toContainText("Your reply was sent.");

  if (js) {
    // Live, before Dora sends: the page shows the new reply.
    const warning = dora.page.locator(".thread-moved");
    await expect(warning).toContainText("New on this ticket while you were writing", { timeout: 15_000 });
    await expect(warning).toContainText("Fixed it remotely.");
  }

  // Sending anyway is refused with a conflict; the text stays in the box and the new reply shows.
  await dora.page.getByRole("button", { name: "Send reply" }).click();
  await expect(dora.page.getByText("New messages arrived while you were writing")).toBeVisible();
  await expect(dora.page.getByLabel("Your reply")).toHaveValue("Have you tried turning it off?");
  await expect(dora.page.locator(".thread")).toContainText("Fixed it remotely.");
  // Confirming sends it.
  await dora.page.getByRole("button", { name: "Send reply" }).click();
  await expect(dora.page.getByRole("status")).toContainText("Your reply was sent.");
  await expect(dora.page.locator(".thread")).toContainText("Have you tried turning it off?");
  await expect(dora.page.getByLabel("Your reply")).toHaveValue("");
  await dora.context.close();
});

test("an unsent reply is kept as a draft across a department change and closing the page", async ({
  page,
  context,
}, testInfo) => {
  test.skip(
    testInfo.project.use.javaScriptEnabled === false,
    "drafts are saved while typing by the page's script; without it the server keeps the text of a refused send (covered above)",
  );
  const stamp = `${testInfo.project.name.replace(/\W/g, "")}${Date.now().toString(36)}d`;
  const first = `Drafts ${stamp}`;
  const second = `Drafts moved ${stamp}`;
  await login(page);
  await addDepartment(page, first);
  await addDepartment(page, second);
  const reference = await openTicket(page, first, `Keep my words ${stamp}`);

  const text = `A long answer I do not want to lose ${stamp}`;
  // The page sends the box as the draft, by beacon, within a few seconds of a change.
  const saved = page.waitForResponse((r) => r.url().includes(`/tickets/${reference}/draft`));
  await page.getByLabel("Your reply").fill(text);
  expect((await saved).status()).toBe(204);

  // Moving the ticket to another department reloads the page: the text is back.
  await page.getByLabel("Department").selectOption({ label: second });
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByRole("status")).toContainText("The ticket was changed.");
  await expect(page.getByLabel("Your reply")).toHaveValue(text);

  // Closed and opened again in a new tab: still there.
  await page.close();
  const again = await context.newPage();
  await again.goto(`/tickets/${reference}`);
  await expect(again.getByLabel("Your reply")).toHaveValue(text);
  // Sent, it is gone for good.
  await again.getByRole("button", { name: "Send reply" }).click();
  await expect(again.getByRole("status")).toContainText("Your reply was sent.");
  await again.goto(`/tickets/${reference}`);
  await expect(again.getByLabel("Your reply")).toHaveValue("");
});
