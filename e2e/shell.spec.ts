import { expect, test } from "./fixtures";

const SECTIONS = [
  "Alerts",
  "Incidents",
  "Devices",
  "Actions",
  "Investigations",
  "Indicators",
  "Vulnerabilities",
  "Hunting",
  "Posture",
  "Notifications",
  "Audit",
  "Sync",
  "Settings",
];
/** Where a page's heading says more than its short navigation label. */
const HEADINGS: Record<string, string> = { Vulnerabilities: "Vulnerability management", Sync: "Sync status" };

test.describe("console shell", () => {
  test("navigates every section, each with its heading and no console error", async ({ asRole }) => {
    const page = await asRole("admin");
    const consoleErrors: string[] = [];
    page.on("console", (msg) => msg.type() === "error" && consoleErrors.push(msg.text()));
    await expect(page.getByRole("link", { name: "SOC Console" })).toBeVisible();
    const nav = page.getByRole("navigation", { name: "Main" });
    for (const label of SECTIONS) {
      await nav.getByRole("link", { name: label, exact: true }).click();
      await expect(nav.getByRole("link", { name: label, exact: true })).toHaveAttribute("aria-current", "page");
      await expect(page.getByRole("heading", { level: 1, name: HEADINGS[label] ?? label })).toBeVisible();
    }
    expect(consoleErrors).toEqual([]);
  });

  test("follows the system theme and can be switched, and the choice survives a reload", async ({
    asRole,
    browser,
  }) => {
    const signedIn = await asRole("viewer");
    const state = await signedIn.context().storageState();

    const dark = await browser.newContext({ colorScheme: "dark", storageState: state });
    const page = await dark.newPage();
    await page.goto("/alerts");
    const html = page.locator("html");
    await expect(html).toHaveClass(/dark/);

    await page.getByRole("button", { name: /System theme/ }).click(); // system → light
    await expect(html).not.toHaveClass(/dark/);
    await expect(page.getByRole("button", { name: /Light theme/ })).toBeVisible();
    await page.reload();
    await expect(html).not.toHaveClass(/dark/);

    await page.getByRole("button", { name: /Light theme/ }).click(); // light → dark
    await expect(html).toHaveClass(/dark/);
    await dark.close();

    const light = await browser.newContext({ colorScheme: "light", storageState: state });
    const lightPage = await light.newPage();
    await lightPage.goto("/devices");
    await expect(lightPage.locator("html")).not.toHaveClass(/dark/);
    await light.close();
  });

  test("says when it is connected to the simulated tenant", async ({ asRole }) => {
    const page = await asRole("viewer");
    await expect(page.getByRole("status").filter({ hasText: "Demo: connected to the simulated tenant" })).toBeVisible();
  });

  test("shows a not-found page for unknown addresses", async ({ asRole }) => {
    const page = await asRole("viewer");
    const response = await page.goto("/no-such-page");
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();

    // A detail page whose record is not in the cache answers 404 too (B18), saying what is missing.
    for (const [path, heading] of [
      ["/alerts/da000000000000000000_0", "Alert not found"],
      ["/devices/00000000-0000-4000-8000-000000000000", "Device not found"],
      ["/incidents/999999999", "Incident not found"],
      ["/tvm/vulnerabilities/CVE-1999-0000", "Vulnerability not found"],
      ["/tvm/recommendations/no-such-recommendation", "Recommendation not found"],
    ]) {
      expect((await page.goto(path))?.status(), path).toBe(404);
      await expect(page.getByRole("heading", { name: heading })).toBeVisible();
    }
    // The API answers an unknown path with its JSON error, not the HTML page.
    const api = await page.request.get("/api/nonexistent");
    expect(api.status()).toBe(404);
    expect((await api.json()).error.code).toBe("not_found");
  });

  test("health endpoint is public but tells anonymous callers only the status; signed-in people see the database and the last sync", async ({
    request,
    asRole,
  }) => {
    const res = await request.get("/api/health");
    expect(res.status()).toBe(200);
    expect(res.headers()["cache-control"]).toContain("no-store");
    expect(await res.json()).toEqual({ status: "ok" });
    const page = await asRole("viewer");
    const body = await (await page.request.get("/api/health")).json();
    expect(body.status).toBe("ok");
    expect(body.database).toMatchObject({ ok: true, kind: "pglite" });
    expect(typeof body.database.latencyMs).toBe("number");
    expect(body).toHaveProperty("sync.lastSyncAt");
    expect(body.tenantConfigured).toBe(true);
  });
});
