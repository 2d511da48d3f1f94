import { expect, test } from "./fixtures";

// Vulnerability management against the simulated tenant: the exposure trend the demo seeded through the real
// scores sync (35 daily snapshots), a device-group filter, a CVE and its devices, a Manager's remediation request,
// and a Viewer who reads but cannot create.

/** The chart's own surface (legend icons are recharts-surface SVGs too). */
const CHART_SVG = ".recharts-wrapper > svg.recharts-surface";

function inDays(n: number): string {
  return new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);
}

test.describe("vulnerability management", () => {
  test("a Manager sees a 30-day exposure trend and the figures change with the device group", async ({ asRole }) => {
    const page = await asRole("manager", "/tvm");
    await expect(page.getByRole("heading", { level: 1, name: "Vulnerability management" })).toBeVisible();
    const trend = page.getByTestId("exposure-trend");
    await expect(trend.locator(CHART_SVG)).toBeVisible();
    expect(Number(await trend.getAttribute("data-points"))).toBeGreaterThanOrEqual(30);
    // The same points as a table: one row per day.
    await trend.getByRole("button", { name: "table" }).click();
    await expect(trend.getByRole("table")).toBeVisible();
    expect(await trend.locator("tbody tr").count()).toBeGreaterThanOrEqual(30);

    const exposedAll = await page.getByTestId("kpi-exposed-devices").textContent();
    const scoreAll = await page.getByTestId("kpi-exposure").textContent();
    await page.getByRole("combobox", { name: "Device group" }).selectOption("Finance");
    await expect(page).toHaveURL(/group=Finance/);
    await expect(page.getByTestId("kpi-exposed-devices")).not.toHaveText(exposedAll ?? "");
    await expect(page.getByTestId("kpi-exposure")).not.toHaveText(scoreAll ?? "");
    await expect(page.getByTestId("kpi-secure")).toHaveText("—"); // tenant-wide only
    // The table view chosen above stays chosen across the filter change; back to the chart.
    await page.getByTestId("exposure-trend").getByRole("button", { name: "chart" }).click();
    await expect(page.getByTestId("exposure-trend").locator(CHART_SVG)).toBeVisible();

    // A 7-day window shows at most 7 points.
    await page.getByRole("button", { name: "7 days" }).click();
    await expect(page).toHaveURL(/range=7/);
    await expect
      .poll(async () => Number(await page.getByTestId("exposure-trend").getAttribute("data-points")))
      .toBeLessThanOrEqual(7);

    // B10: a group nobody has (a renamed group in an old bookmark) is ignored and said to be, not "nothing synced".
    await page.goto("/tvm?group=No%20Such%20Group");
    await expect(page.getByText(/were not understood and were ignored: group/)).toBeVisible();
    await expect(page.getByRole("combobox", { name: "Device group" })).toHaveValue("");
    await expect(page.getByTestId("kpi-exposed-devices")).toHaveText(exposedAll ?? "");
  });

  test("opens a CVE from the list and sees the devices exposed to it", async ({ asRole }) => {
    const page = await asRole("manager", "/tvm/vulnerabilities?sort=exposed");
    await expect(page.getByRole("heading", { level: 1, name: "Vulnerabilities" })).toBeVisible();
    const first = page.locator("tbody tr[data-cve-id]").first();
    const cveId = (await first.getAttribute("data-cve-id"))!;
    const exposed = Number(await first.locator("td").nth(5).textContent());
    expect(exposed).toBeGreaterThan(0);
    await first.getByRole("link", { name: cveId }).click();
    await expect(page.getByRole("heading", { level: 1, name: cveId })).toBeVisible();
    await expect(page.getByTestId("cve-exposed-count")).toHaveText(String(exposed));
    const devices = page.locator("tbody tr[data-device-id]");
    await expect(devices).toHaveCount(exposed);
    await expect(devices.first().getByRole("link")).toHaveAttribute("href", /^\/devices\/[0-9a-f-]{36}$/);

    // Filters live in the URL: zero-days only.
    await page.goto("/tvm/vulnerabilities");
    await page.getByRole("checkbox", { name: "Zero-day" }).click();
    await expect(page).toHaveURL(/zeroDay=1/);
    await expect(page.locator("tbody tr[data-cve-id]").first()).toContainText("Zero-day");
  });

  test("a Manager creates a remediation request once, sees its burndown, then reassigns, closes and deletes it", async ({
    asRole,
  }) => {
    const owner = `Desktop team ${Date.now()}`;
    const page = await asRole("manager", "/tvm/recommendations");
    await page.locator("tbody tr[data-recommendation-id^='va-_-']").first().getByRole("link").first().click();
    await expect(page.getByRole("heading", { level: 2, name: "Remediation requests" })).toBeVisible();
    await page.getByText("New remediation request").click();
    await page.getByLabel("Owner").fill(owner);
    await page.getByLabel("Due date").fill(inDays(14));
    await page.getByLabel("Note").fill("Patch before the quarterly audit");
    // B2: a double click creates one request, and the form is emptied and folded away.
    await page.getByRole("button", { name: "Create request" }).dblclick();
    await expect(
      page.getByRole("status").filter({ hasText: `Remediation request created for ${owner}` }),
    ).toBeVisible();
    await expect(page.locator("tr[data-request-id]", { hasText: owner })).toHaveCount(1);
    await expect(page.getByLabel("Owner")).toBeHidden();
    await page.getByText("New remediation request").click();
    await expect(page.getByLabel("Owner")).toHaveValue("");
    // B22: a new burndown has only today's sample; it shows as a dot, not as nothing.
    const burndown = page.getByTestId("burndown").filter({ hasText: owner });
    await expect(burndown.locator(CHART_SVG)).toBeVisible();
    await expect(burndown.locator(".recharts-line-dots")).toHaveCount(1);

    // The requests listed on the recommendations page are managed there too.
    await page.goto("/tvm/recommendations");
    let row = page.locator("tr[data-request-id]", { hasText: owner });
    await expect(row).toContainText(inDays(14));
    await expect(row).toContainText("Open");
    await row.getByRole("button", { name: "Edit" }).click();
    const reassigned = `${owner} (servers)`;
    await row.getByLabel("Owner").fill(reassigned);
    await row.getByLabel("Due date").fill(inDays(21));
    await row.getByRole("button", { name: "Save" }).click();
    row = page.locator("tr[data-request-id]", { hasText: reassigned });
    await expect(row).toContainText(inDays(21));
    await row.getByRole("button", { name: "Close" }).click();
    await expect(row).toContainText("Closed by manager@");
    await row.getByRole("button", { name: "Delete" }).click();
    await page
      .getByRole("dialog", { name: /^Delete / })
      .getByRole("button", { name: "Delete request" })
      .click();
    await expect(page.locator("tr[data-request-id]", { hasText: owner })).toHaveCount(0);
  });

  test("a Viewer reads the dashboard and recommendations but cannot create a request", async ({ asRole }) => {
    const page = await asRole("viewer", "/tvm");
    await expect(page.getByTestId("exposure-trend").locator(CHART_SVG)).toBeVisible();
    await page.goto("/tvm/recommendations");
    await page.locator("tbody tr[data-recommendation-id]").first().getByRole("link").first().click();
    await expect(page.getByRole("heading", { level: 2, name: "Remediation requests" })).toBeVisible();
    await expect(page.getByText("New remediation request")).toHaveCount(0);
    const origin = new URL(page.url()).origin;
    const res = await page.request.post("/api/tvm/remediation-requests", {
      data: { recommendationId: "va-_-microsoft-_-edge_chromium", owner: "x", dueOn: inDays(3) },
      headers: { origin },
    });
    expect(res.status()).toBe(403);
  });

  test("works in dark mode and from the keyboard", async ({ asRole, page }) => {
    await page.emulateMedia({ colorScheme: "dark" });
    await asRole("manager", "/tvm");
    await expect(page.locator("html")).toHaveClass(/dark/);
    const trend = page.getByTestId("exposure-trend");
    await trend.getByRole("button", { name: "table" }).focus();
    await page.keyboard.press("Enter");
    await expect(trend.getByRole("table")).toBeVisible();
    await trend.getByRole("button", { name: "chart" }).focus();
    await page.keyboard.press("Space");
    await expect(trend.locator(CHART_SVG)).toBeVisible();
    // The device-group filter is a native select: arrow keys choose, and the choice is in the URL.
    await page.getByRole("combobox", { name: "Device group" }).focus();
    await page.keyboard.press("ArrowDown");
    await expect(page).toHaveURL(/group=/);
    await expect(page.getByTestId("kpi-secure")).toHaveText("—");
  });
});
