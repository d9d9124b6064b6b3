import { expect, test } from "@playwright/test";
import { expectAccessible, login } from "./helpers";

test("staff publish an announcement and schedule another; anyone reads the published one safely, and its feed", async ({
  page,
  browser,
}, testInfo) => {
  const javaScriptEnabled = testInfo.project.use.javaScriptEnabled;
  const stamp = `${testInfo.project.name.replace(/\W/g, "")}${Date.now().toString(36)}a`;
  const title = `Maintenance ${stamp}`;
  const later = `Prices ${stamp}`;
  await login(page, "/manage/announcements");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Announcements");

  // An empty title is refused, naming the field.
  await page.getByRole("link", { name: "New announcement" }).click();
  await page.getByLabel("Text (Markdown)").fill("Body without a title.");
  await page.getByRole("button", { name: "Save announcement" }).click();
  await expect(page.getByText("This field is required.").first()).toBeVisible();

  // Published now, with Markdown and a script that must never run.
  await page.goto("/manage/announcements/new");
  await page.getByLabel("Title").fill(title);
  const body = page.getByLabel("Text (Markdown)");
  const text = `Sunday **02:00 ${stamp}** UTC.\n\n<script>window.newsHacked = true</script>`;
  if (javaScriptEnabled) {
    // Type again until the preview's lazy island has loaded and follows.
    const preview = page.getByRole("region", { name: "Preview" });
    await expect(async () => {
      await body.fill("");
      await body.fill(text);
      await expect(preview.locator("strong")).toHaveText(`02:00 ${stamp}`, { timeout: 1000 });
    }).toPass();
    await expect(preview.locator("script")).toHaveCount(0);
  } else {
    await body.fill(text);
  }
  await expect(page.getByLabel("Published", { exact: true })).toBeChecked();
  await page.getByRole("button", { name: "Save announcement" }).click();
  await expect(page.getByText("The announcement was saved.")).toBeVisible();
  await expect(page.getByText("Published", { exact: true }).first()).toBeVisible();

  // Another, scheduled for later.
  await page.goto("/manage/announcements/new");
  await page.getByLabel("Title").fill(later);
  await page.getByLabel("Text (Markdown)").fill("New prices next year.");
  await page.getByLabel("Publish on (UTC)").fill("2099-01-01T09:00");
  await page.getByRole("button", { name: "Save announcement" }).click();
  await expect(page.getByText("The announcement was saved.")).toBeVisible();
  await page.goto("/manage/announcements");
  await expect(page.getByRole("row", { name: new RegExp(later) })).toContainText("Scheduled");
  await expect(page.getByRole("row", { name: new RegExp(title) })).toContainText("Published");
  if (javaScriptEnabled) await expectAccessible(page, "staff announcements");

  // A visitor without a login reads the published one only.
  const visitor = await browser.newContext({ javaScriptEnabled });
  const anonymous = await visitor.newPage();
  await anonymous.goto("/announcements");
  await expect(anonymous.getByRole("heading", { level: 1 })).toHaveText("Announcements");
  await expect(anonymous.getByRole("link", { name: title })).toBeVisible();
  await expect(anonymous.getByRole("link", { name: later })).toHaveCount(0);
  if (javaScriptEnabled) await expectAccessible(anonymous, "announcements");
  await anonymous.getByRole("link", { name: title }).click();
  await expect(anonymous.getByRole("heading", { level: 1 })).toHaveText(title);
  await expect(anonymous.locator(".kb-article strong")).toHaveText(`02:00 ${stamp}`);
  if (javaScriptEnabled) {
    expect(await anonymous.evaluate(() => (window as unknown as { newsHacked?: boolean }).newsHacked)).toBeUndefined();
    await expectAccessible(anonymous, "an announcement");
  }

  // The feed has it, and not the scheduled one.
  const feed = await anonymous.request.get("/announcements/feed.xml");
  expect(feed.status()).toBe(200);
  expect(feed.headers()["content-type"]).toContain("application/rss+xml");
  const xml = await feed.text();
  expect(xml).toContain(`<title>${title}</title>`);
  expect(xml).not.toContain(later);
  await visitor.close();
});
