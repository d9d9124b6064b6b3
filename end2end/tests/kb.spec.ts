import { expect, test } from "@playwright/test";
import { expectAccessible, login } from "./helpers";

test("staff write an article in Markdown; anyone finds it, reads it safely and says it helped", async ({
  page,
  browser,
}, testInfo) => {
  const javaScriptEnabled = testInfo.project.use.javaScriptEnabled;
  const stamp = `${testInfo.project.name.replace(/\W/g, "")}${Date.now().toString(36)}k`;
  const category = `Mail ${stamp}`;
  const title = `Mailbox quota ${stamp}`;
  await login(page, "/kb");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Knowledgebase");

  // A category.
  await page.getByLabel("Name").fill(category);
  await page.getByRole("button", { name: "Save category" }).click();
  await expect(page.getByText("The category was saved.")).toBeVisible();

  // An empty title is refused, naming the field.
  await page.goto("/kb/articles/new");
  await page.getByLabel("Text (Markdown)").fill("Body without a title.");
  await page.getByRole("button", { name: "Save article" }).click();
  await expect(page.getByText("This field is required.").first()).toBeVisible();

  // The article, with Markdown and a script that must never run.
  await page.goto("/kb/articles/new");
  await page.getByLabel("Title").fill(title);
  await page.getByLabel("Who may read it").selectOption("public");
  await page.getByLabel(category).check();
  await page.getByLabel("Tags").fill("mail, storage");
  const body = page.getByLabel("Text (Markdown)");
  const text = `Your **mailbox ${stamp}** is full.\n\n<script>window.kbHacked = true</script>`;
  if (javaScriptEnabled) {
    // The live preview renders it as the page will. Typing before the preview's island has
    // loaded (a busy machine) is not followed: type again until it is.
    const preview = page.getByRole("region", { name: "Preview" });
    await expect(async () => {
      await body.fill("");
      await body.fill(text);
      await expect(preview.locator("strong")).toHaveText(`mailbox ${stamp}`, { timeout: 1000 });
    }).toPass();
    await expect(preview.locator("script")).toHaveCount(0);
  } else {
    await body.fill(text);
  }
  await page.getByRole("button", { name: "Save article" }).click();
  await expect(page.getByText("The article was saved.")).toBeVisible();

  // A visitor without a login finds it by search, the word marked, and reads it.
  const visitor = await browser.newContext({ javaScriptEnabled });
  const anonymous = await visitor.newPage();
  await anonymous.goto("/knowledgebase");
  await expect(anonymous.getByRole("heading", { level: 1 })).toHaveText("Knowledgebase");
  await expect(anonymous.getByRole("link", { name: category })).toBeVisible();
  if (javaScriptEnabled) await expectAccessible(anonymous, "knowledgebase");
  await anonymous.getByLabel("Search the knowledgebase").fill(`quota ${stamp}`);
  await anonymous.getByRole("button", { name: "Search" }).click();
  await expect(anonymous.getByRole("heading", { level: 1 })).toHaveText("Search results");
  await expect(anonymous.locator("mark").first()).toBeVisible();
  if (javaScriptEnabled) await expectAccessible(anonymous, "knowledgebase search");
  await anonymous.getByRole("link", { name: title }).click();
  await expect(anonymous.getByRole("heading", { level: 1 })).toHaveText(title);
  await expect(anonymous.locator(".kb-article strong")).toHaveText(`mailbox ${stamp}`);
  if (javaScriptEnabled) {
    expect(await anonymous.evaluate(() => (window as unknown as { kbHacked?: boolean }).kbHacked)).toBeUndefined();
    await expectAccessible(anonymous, "knowledgebase article");
  }
  await anonymous.getByRole("button", { name: "Yes" }).click();
  await expect(anonymous.getByText("Thank you for your answer.")).toBeVisible();
  await anonymous.goto(`/knowledgebase/category/${await categoryId(page, category)}`);
  await expect(anonymous.getByRole("link", { name: title })).toBeVisible();
  if (javaScriptEnabled) await expectAccessible(anonymous, "knowledgebase category");
  await visitor.close();

  // Staff see the vote.
  await page.goto("/kb");
  await expect(page.getByRole("row", { name: new RegExp(title) })).toContainText("1");
});

/** The id of a category, from its link on the staff's overview. */
async function categoryId(page: import("@playwright/test").Page, name: string): Promise<string> {
  await page.goto("/kb");
  const href = await page.getByRole("link", { name, exact: true }).getAttribute("href");
  return href!.split("/").pop()!;
}
