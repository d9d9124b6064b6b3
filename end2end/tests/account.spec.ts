import { expect, test } from "@playwright/test";
import { inviteAndAccept, login } from "./helpers";

test("an admin switches to German everywhere, then changes their password", async ({ page, browser }, testInfo) => {
  const stamp = `${testInfo.project.name.replace(/\W/g, "")}${Date.now().toString(36)}a`;
  await login(page);
  const dora = await inviteAndAccept(page, browser, testInfo.project.use.javaScriptEnabled, stamp, "Support Operator");
  const me = dora.page;

  await me.getByRole("banner").getByRole("link", { name: "My Account" }).click();
  await expect(me).toHaveTitle("My Account — Staffdesk");
  await me.getByLabel("Language").selectOption({ label: "Deutsch" });
  const signature = me.getByLabel("Ticket signature");
  if (testInfo.project.use.javaScriptEnabled) {
    // The preview follows as you type, showing markup as text. Typing before the preview's island
    // has loaded (a busy machine) is not followed: type again until it is.
    await expect(async () => {
      await signature.fill("");
      await signature.fill("Dora\n<b>Support</b>");
      await expect(me.locator(".signature-preview")).toHaveText("Dora\n<b>Support</b>", { timeout: 1000 });
    }).toPass();
  } else {
    await signature.fill("Dora\n<b>Support</b>");
  }
  // Saving needs the current password; a wrong one changes nothing.
  await me.getByLabel("Current password", { exact: true }).first().fill("not my password at all");
  await me.getByRole("button", { name: "Save changes" }).click();
  await expect(me.getByText("The current password is incorrect. Nothing was changed.")).toBeVisible();
  await expect(me).toHaveTitle("My Account — Staffdesk");

  await me.getByLabel("Language").selectOption({ label: "Deutsch" });
  await me.getByLabel("Ticket signature").fill("Dora\n<b>Support</b>");
  await me.getByLabel("Current password", { exact: true }).first().fill(dora.password);
  await me.getByRole("button", { name: "Save changes" }).click();

  // German at once, after a reload, and on every other page.
  await expect(me).toHaveTitle("Mein Konto — Staffdesk");
  await expect(me.getByRole("status")).toContainText("Die Änderungen wurden gespeichert.");
  await me.reload();
  await expect(me).toHaveTitle("Mein Konto — Staffdesk");
  await expect(me.locator("html")).toHaveAttribute("lang", "de");
  await expect(me.getByLabel("Ticket-Signatur")).toHaveValue("Dora\n<b>Support</b>");
  const nav = me.getByRole("navigation", { name: "Main" });
  await expect(nav.getByRole("link")).toHaveText(["Übersicht", "Support-Desk", "Kunden", "Abteilungen"]);
  await nav.getByRole("link", { name: "Abteilungen" }).click();
  await expect(me).toHaveTitle("Support-Abteilungen — Staffdesk");
  await nav.getByRole("link", { name: "Übersicht" }).click();
  await expect(me).toHaveTitle("Übersicht — Staffdesk");
  await expect(me.getByRole("heading", { level: 1 })).toHaveText("Admin-Übersicht");
  const forbidden = await me.goto("/roles");
  expect(forbidden?.status()).toBe(403);
  await expect(me.getByRole("heading", { name: "Zugriff verweigert" })).toBeVisible();

  // Change the password, in German.
  await me.goto("/account");
  const newPassword = "an even better passphrase 7";
  const form = me.locator("form", { has: me.getByRole("button", { name: "Passwort ändern" }) });
  await expect(form.getByLabel("Meine anderen Sitzungen abmelden")).toBeChecked();
  await form.getByLabel("Aktuelles Passwort").fill(dora.password);
  await form.getByLabel("Neues Passwort", { exact: true }).fill(newPassword);
  await form.getByLabel("Neues Passwort bestätigen").fill(newPassword);
  await form.getByRole("button", { name: "Passwort ändern" }).click();
  await expect(me.getByRole("status")).toContainText("Ihr Passwort wurde geändert.");

  await me.getByRole("banner").getByRole("button", { name: "Abmelden" }).click();
  await expect(me).toHaveURL(/\/login/);
  await me.getByLabel(/Username|Benutzername/).fill(dora.username);
  await me.getByLabel(/^(Password|Passwort)$/).fill(dora.password);
  await me.getByRole("button", { name: /Log in|Anmelden/ }).click();
  await expect(me.getByRole("alert")).toBeVisible();
  await me.getByLabel(/Username|Benutzername/).fill(dora.username);
  await me.getByLabel(/^(Password|Passwort)$/).fill(newPassword);
  await me.getByRole("button", { name: /Log in|Anmelden/ }).click();
  await expect(me).toHaveTitle("Übersicht — Staffdesk");
  await dora.context.close();
});

test("pages before login follow the browser's language and offer a switcher", async ({ browser }, testInfo) => {
  const context = await browser.newContext({
    locale: "es-ES",
    javaScriptEnabled: testInfo.project.use.javaScriptEnabled,
  });
  const page = await context.newPage();
  await page.goto("/login");
  await expect(page.locator("html")).toHaveAttribute("lang", "es");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Iniciar sesión en Staffdesk");
  await page.getByRole("navigation", { name: "Idioma" }).getByRole("link", { name: "Deutsch" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Bei Staffdesk anmelden");
  // The choice is remembered over the browser's language.
  await page.goto("/login");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Bei Staffdesk anmelden");
  await page.getByLabel("Benutzername").fill("nobody");
  await page.getByLabel("Passwort").fill("wrong password");
  await page.getByRole("button", { name: "Anmelden" }).click();
  await expect(page.getByRole("alert")).toHaveText("Benutzername oder Passwort ist falsch.");
  await context.close();
});
