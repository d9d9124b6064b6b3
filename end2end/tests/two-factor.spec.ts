import { expect, test } from "@playwright/test";
import { expectAccessible, inviteAndAccept, login } from "./helpers";
import { awaitFreshStep, totpCode } from "./totp";

test("an admin enrols in two-factor, then logs in with an app code and with a recovery code", async ({ page, browser }, testInfo) => {
  // Up to two waits for a fresh 30-second step come on top of the flow itself.
  test.setTimeout(90_000);
  const js = testInfo.project.use.javaScriptEnabled;
  const stamp = `${testInfo.project.name.replace(/\W/g, "")}${Date.now().toString(36)}t`;
  await login(page);
  const dora = await inviteAndAccept(page, browser, js, stamp, "Support Operator");
  const me = dora.page;

  await me.getByRole("banner").getByRole("link", { name: "My Account" }).click();
  await me.getByRole("link", { name: "Two-factor authentication" }).click();
  await expect(me).toHaveTitle("Two-factor authentication — Staffdesk");
  // Setting it up asks for the password first: a session alone is not enough.
  await me.getByLabel("Current password").fill("not the password at all");
  await me.getByRole("button", { name: "Set up two-factor authentication" }).click();
  await expect(me.getByText("The current password is incorrect. Nothing was changed.").first()).toBeVisible();
  await me.getByLabel("Current password").fill(dora.password);
  await me.getByRole("button", { name: "Set up two-factor authentication" }).click();

  // The QR code is an inline SVG; the key is shown as text for typing in by hand.
  await expect(me.getByRole("img", { name: "QR code for your authenticator app" }).locator("svg")).toBeVisible();
  if (js) await expectAccessible(me, "the two-factor set-up");
  const secret = (await me.getByLabel("Or enter this key by hand:").textContent()) ?? "";
  expect(secret.replace(/\s/g, "")).toMatch(/^[A-Z2-7]{32}$/);

  // A wrong code is refused with a clear message and nothing is turned on.
  await me.getByLabel("Authentication code").fill("12345");
  await me.getByRole("button", { name: "Turn on two-factor authentication" }).click();
  await expect(me.getByText("Enter the 6-digit code from your authenticator app.").first()).toBeVisible();
  // The previous step's code confirms, leaving the current one for the login below.
  await awaitFreshStep();
  await me.getByLabel("Authentication code").fill(totpCode(secret, -1));
  await me.getByRole("button", { name: "Turn on two-factor authentication" }).click();

  await expect(me).toHaveTitle("Your recovery codes — Staffdesk");
  if (js) await expectAccessible(me, "the recovery codes");
  const codes = await me.locator("ol.recovery-codes code").allTextContents();
  expect(codes).toHaveLength(10);
  for (const code of codes) expect(code).toMatch(/^[0-9a-z]{4}(-[0-9a-z]{4}){3}$/);
  const download = me.getByRole("link", { name: "Download" });
  await expect(download).toHaveAttribute("download", "staffdesk-recovery-codes.txt");
  expect(decodeURIComponent((await download.getAttribute("href")) ?? "")).toContain(codes[9]);
  // Printing needs the browser's script; without it the button stays hidden.
  if (js) await expect(me.getByRole("button", { name: "Print" })).toBeVisible();
  else await expect(me.getByRole("button", { name: "Print" })).toBeHidden();
  await me.getByRole("link", { name: "I have saved them" }).click();
  await expect(me).toHaveTitle("Dashboard — Staffdesk");

  // Log out; the password alone now leads to the second step, not the dashboard.
  await me.getByRole("button", { name: "Log out" }).click();
  await me.getByLabel("Username").fill(dora.username);
  await me.getByLabel("Password").fill(dora.password);
  await me.getByRole("button", { name: "Log in" }).click();
  await expect(me).toHaveTitle("Two-factor authentication — Staffdesk");
  await me.goto("/");
  await expect(me).toHaveTitle("Log in — Staffdesk");

  await me.getByLabel("Username").fill(dora.username);
  await me.getByLabel("Password").fill(dora.password);
  await me.getByRole("button", { name: "Log in" }).click();
  await awaitFreshStep(3);
  if (js) await expectAccessible(me, "the login's second step");
  await me.getByLabel("Authentication code").fill(totpCode(secret, 0));
  await me.getByRole("button", { name: "Verify" }).click();
  await expect(me).toHaveTitle("Dashboard — Staffdesk");

  // Then with a recovery code, which works once.
  await me.getByRole("button", { name: "Log out" }).click();
  await me.getByLabel("Username").fill(dora.username);
  await me.getByLabel("Password").fill(dora.password);
  await me.getByRole("button", { name: "Log in" }).click();
  await me.getByLabel("Authentication code").fill(codes[0]);
  await me.getByRole("button", { name: "Verify" }).click();
  await expect(me).toHaveTitle("Dashboard — Staffdesk");
  await me.getByRole("button", { name: "Log out" }).click();
  await me.getByLabel("Username").fill(dora.username);
  await me.getByLabel("Password").fill(dora.password);
  await me.getByRole("button", { name: "Log in" }).click();
  await me.getByLabel("Authentication code").fill(codes[0]);
  await me.getByRole("button", { name: "Verify" }).click();
  await expect(me.getByText("That code is not right, or it has already been used.")).toBeVisible();
  await expect(me).toHaveTitle("Two-factor authentication — Staffdesk");

  // My Account's two-factor page now shows it on, with nine codes left.
  await me.getByLabel("Authentication code").fill(codes[1]);
  await me.getByRole("button", { name: "Verify" }).click();
  await expect(me).toHaveTitle("Dashboard — Staffdesk");
  await me.goto("/account/two-factor");
  await expect(me.getByText("You have 8 unused recovery codes.")).toBeVisible();
  await dora.context.close();
});
