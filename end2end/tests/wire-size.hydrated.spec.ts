import { type CDPSession, expect, type Page, test } from "@playwright/test";
import { login } from "./helpers";

// What a browser actually moves: a first Dashboard load, HTML included, within the 170 KB budget
// (bytes on the wire, as Chromium counts them), and a second page that fetches no asset again.
const BUDGET_BYTES = 170 * 1024;

interface Seen {
  url: string;
  status: number;
  headers: Record<string, string>;
  fromCache: boolean;
  bytes: number;
  finished: boolean;
}

/** Records every request the page makes, with the bytes each moved over the network. */
async function recordNetwork(page: Page): Promise<{ cdp: CDPSession; seen: Map<string, Seen> }> {
  const cdp = await page.context().newCDPSession(page);
  const seen = new Map<string, Seen>();
  const entry = (id: string): Seen => {
    let e = seen.get(id);
    if (!e) {
      e = { url: "", status: 0, headers: {}, fromCache: false, bytes: 0, finished: false };
      seen.set(id, e);
    }
    return e;
  };
  await cdp.send("Network.enable");
  cdp.on("Network.requestWillBeSent", (e) => {
    entry(e.requestId).url = e.request.url;
  });
  cdp.on("Network.requestServedFromCache", (e) => {
    entry(e.requestId).fromCache = true;
  });
  cdp.on("Network.responseReceived", (e) => {
    const s = entry(e.requestId);
    s.url = e.response.url;
    s.status = e.response.status;
    s.headers = Object.fromEntries(Object.entries(e.response.headers).map(([k, v]) => [k.toLowerCase(), String(v)]));
    s.fromCache ||= Boolean(e.response.fromDiskCache);
  });
  cdp.on("Network.dataReceived", (e) => {
    const s = entry(e.requestId);
    if (!s.finished) s.bytes += e.encodedDataLength;
  });
  cdp.on("Network.loadingFinished", (e) => {
    const s = entry(e.requestId);
    // The total for the request, headers included, replaces the running count.
    s.bytes = e.encodedDataLength;
    s.finished = true;
  });
  return { cdp, seen };
}

const isAsset = (url: string) => new URL(url).pathname.startsWith("/pkg/");

test("a first Dashboard load moves at most 170 KB and a second page fetches no asset again", async ({ browser }) => {
  // Sign in elsewhere, so the measured browser starts with an empty cache and only the cookie.
  const signIn = await browser.newContext();
  await login(await signIn.newPage());
  const storageState = await signIn.storageState();
  await signIn.close();

  const context = await browser.newContext({ storageState });
  const page = await context.newPage();
  const { seen } = await recordNetwork(page);
  const wasmLoaded = page.waitForResponse((r) => r.url().endsWith(".wasm"));
  // The loader for lazy islands' code (`--split`) is imported once the WASM has started.
  const splitLoaded = page.waitForResponse((r) => /\/__wasm_split\.[\w-]+\.js$/.test(r.url()));
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await wasmLoaded;
  await splitLoaded;
  // Islands hydrate from the WASM; give the last requests time to finish.
  await expect.poll(() => [...seen.values()].filter((s) => isAsset(s.url) && !s.finished).length).toBe(0);

  const first = [...seen.values()].filter((s) => s.url.startsWith("http"));
  const total = first.reduce((sum, s) => sum + s.bytes, 0);
  for (const s of first) console.log(`${String(s.bytes).padStart(8)} B  ${s.status}  ${s.headers["content-encoding"] ?? "-"}  ${new URL(s.url).pathname}`);
  console.log(`first Dashboard load: ${(total / 1024).toFixed(1)} KB on the wire (budget ${BUDGET_BYTES / 1024} KB)`);
  expect(total).toBeLessThanOrEqual(BUDGET_BYTES);

  // The assets came compressed, under content-hashed names, cacheable for a year.
  const assets = first.filter((s) => isAsset(s.url));
  expect(assets.map((s) => new URL(s.url).pathname).sort()).toEqual(
    expect.arrayContaining([
      expect.stringMatching(/^\/pkg\/staffdesk\.[\w-]+\.js$/),
      expect.stringMatching(/^\/pkg\/staffdesk\.[\w-]+\.wasm$/),
      expect.stringMatching(/^\/pkg\/staffdesk\.[\w-]+\.css$/),
      expect.stringMatching(/^\/pkg\/__wasm_split\.[\w-]+\.js$/),
    ]),
  );
  for (const s of assets) {
    expect(s.headers["content-encoding"], s.url).toBe("br");
    expect(s.headers["cache-control"], s.url).toBe("public, max-age=31536000, immutable");
  }
  // The page itself came compressed too.
  const html = first.find((s) => new URL(s.url).pathname === "/");
  expect(html?.headers["content-encoding"]).toBe("br");

  // A second page: every asset comes from the browser's cache, and no asset byte moves.
  seen.clear();
  await page.goto("/departments");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  const again = [...seen.values()].filter((s) => s.url && isAsset(s.url));
  expect(again.length, "the second page uses the same assets").toBeGreaterThan(0);
  for (const s of again) {
    expect(s.fromCache, `${s.url} came from the cache`).toBe(true);
  }
  expect(again.reduce((sum, s) => sum + s.bytes, 0)).toBe(0);
  await context.close();
});
