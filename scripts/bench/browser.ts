import { chromium, type Browser, type BrowserContext } from "@playwright/test";
import { readTestEnv } from "../../lib/config/env";

// The browser half of the page benches: Debian's Chromium, headless, and a session obtained through the
// simulated tenant's real sign-in page, reused by fresh contexts (no HTTP cache) for each timed load.

export type StorageState = Awaited<ReturnType<BrowserContext["storageState"]>>;

export function launchBenchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: readTestEnv().chromiumPath,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--no-first-run",
    ],
  });
}

/** Signs in on `path`'s sign-in redirect as `username` and waits for `readySelector` on the page. */
export async function signIn(
  browser: Browser,
  baseUrl: string,
  username: string,
  path: string,
  readySelector: string,
): Promise<StorageState> {
  const context = await browser.newContext({ baseURL: baseUrl, ignoreHTTPSErrors: true });
  const page = await context.newPage();
  await page.goto(path);
  await page.getByRole("link", { name: "Sign in with Microsoft Entra ID" }).click();
  await page.getByRole("button", { name: new RegExp(username.replace(".", "\\.")) }).click();
  await page.waitForURL(new RegExp(path.replaceAll("/", "\\/")));
  await page.locator(readySelector).first().waitFor();
  const state = await context.storageState();
  await context.close();
  return state;
}
