import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { type Browser, type BrowserContext, expect, type Page } from "@playwright/test";

// .ci/test creates this administrator with `server create-admin` before the run.
export const ADMIN = {
  username: process.env.E2E_USERNAME ?? "erin",
  password: process.env.E2E_PASSWORD ?? "",
  name: "Erin Tester",
};

/** Logs in through the real login form and waits for the page it lands on. */
export async function login(page: Page, next = "/"): Promise<void> {
  expect(ADMIN.password, "E2E_PASSWORD must be set").not.toBe("");
  await page.goto(`/login?next=${encodeURIComponent(next)}`);
  await page.getByLabel("Username").fill(ADMIN.username);
  await page.getByLabel("Password").fill(ADMIN.password);
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page.getByRole("banner")).toContainText(ADMIN.name);
}

/** The accept link from the development mail transport's .eml files (data dir set by .ci/test). */
export async function acceptLinkFor(email: string): Promise<string> {
  const dataDir = process.env.STAFFDESK_SERVER__DATA_DIR;
  expect(dataDir, "STAFFDESK_SERVER__DATA_DIR must point at the server's data directory").toBeTruthy();
  const dir = join(dataDir!, "mail");
  let link = "";
  await expect(async () => {
    for (const file of readdirSync(dir)) {
      const text = readFileSync(join(dir, file), "utf8").replace(/=\r?\n/g, "");
      if (!text.includes(`To: ${email}`)) continue;
      const found = text.match(/https?:\/\/[^\s"<>]+\/invite\/[A-Za-z0-9_-]{43}/);
      if (found) link = found[0];
    }
    expect(link).not.toBe("");
  }).toPass({ timeout: 15_000 });
  return link;
}

/** A new administrator, invited by the test admin through Add an Admin and signed in. */
export interface Invitee {
  context: BrowserContext;
  page: Page;
  username: string;
  password: string;
}

/** Invites a new administrator with `role`, accepts in a fresh browser context, and lands on the Dashboard. */
export async function inviteAndAccept(
  page: Page,
  browser: Browser,
  javaScriptEnabled: boolean | undefined,
  stamp: string,
  role: string,
  departments: string[] = [],
): Promise<Invitee> {
  const email = `dora.${stamp}@example.com`;
  await page.goto("/admins/invite");
  await page.getByLabel("First name").fill("Dora");
  await page.getByLabel("Last name").fill(`Viewer ${stamp}`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Administrator role").selectOption({ label: role });
  // Member of these departments, with ticket notifications on (the form's default).
  for (const name of departments) await page.getByLabel(name, { exact: true }).check();
  await page.getByRole("button", { name: "Send Invitation" }).click();
  await expect(page.getByRole("status")).toContainText("Invitation sent");

  const link = await acceptLinkFor(email);
  const context = await browser.newContext({ javaScriptEnabled });
  const invitee = await context.newPage();
  await invitee.goto(link);
  const username = `dora${stamp}`;
  const password = "a sensible passphrase 42";
  await invitee.getByLabel("Username").fill(username);
  await invitee.getByLabel("Password", { exact: true }).fill(password);
  await invitee.getByLabel("Confirm password").fill(password);
  await invitee.getByRole("button", { name: "Create Account" }).click();
  await expect(invitee).toHaveTitle("Dashboard — Staffdesk");
  return { context, page: invitee, username, password };
}

/** The text of every message the development mail transport wrote for `to` (soft line breaks of
 * quoted-printable joined), waiting until there are at least `atLeast`. */
export async function mailTo(to: string, atLeast = 1): Promise<string[]> {
  const dataDir = process.env.STAFFDESK_SERVER__DATA_DIR;
  expect(dataDir, "STAFFDESK_SERVER__DATA_DIR must point at the server's data directory").toBeTruthy();
  const dir = join(dataDir!, "mail");
  let found: string[] = [];
  await expect(async () => {
    found = readdirSync(dir)
      .map((file) => readFileSync(join(dir, file), "utf8").replace(/=\r?\n/g, ""))
      .filter((text) => text.includes(`To: ${to}`));
    expect(found.length).toBeGreaterThanOrEqual(atLeast);
  }).toPass({ timeout: 15_000 });
  return found;
}

/** Runs axe-core on the page as it is now and fails on any serious or critical violation,
 * naming each rule and the elements it found. */
export async function expectAccessible(page: Page, label = ""): Promise<void> {
  const { default: AxeBuilder } = await import("@axe-core/playwright");
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  const report = serious.map(
    (v) => `${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.map((n) => `${n.target.join(" ")}: ${n.failureSummary ?? ""}`).join("\n    ")}`,
  );
  expect(report, `accessibility of ${label || page.url()}`).toEqual([]);
}
