import { expect, test } from "./fixtures";

// Advanced hunting against the simulated tenant's KQL engine: an Analyst runs a corrected starter query, sees rows
// and the row count, the shared quota meter moves, and saves the query as shared; a colleague sees it; a Viewer runs
// it but has no Save.

test.describe("advanced hunting", () => {
  test("an Analyst runs a starter query and shares it; a colleague sees it; a Viewer runs it without Save", async ({
    asRole,
    browser,
  }) => {
    const page = await asRole("analyst", "/hunting");
    await expect(page.getByRole("heading", { level: 1, name: "Hunting" })).toBeVisible();
    await expect(page.getByText("Run a query to see results.")).toBeVisible();
    const calls = async () => Number(((await page.getByTestId("quota-calls").textContent()) ?? "0/45").split("/")[0]);
    const before = await calls();

    // A corrected starter query: its note says what changed; it runs and returns rows.
    await page.getByRole("button", { name: "Suspicious PowerShell commands (encoded)" }).click();
    await expect(page).toHaveURL(/\/hunting\?query=starter-encoded-powershell/);
    await expect(page.getByTestId("starter-note")).toContainText("Unchanged");
    await page.getByRole("button", { name: "Run", exact: true }).click();
    await expect(page.getByTestId("row-count")).toHaveText(/^[1-9][\d,]* rows?$/);
    await expect(page.getByRole("table")).toContainText("DeviceName");
    await expect.poll(calls).toBeGreaterThan(before);

    // Save as a shared query in a folder, under a name no other run uses.
    const name = `Encoded PowerShell ${Date.now()}`;
    await page.getByRole("button", { name: "Save as" }).click();
    const dialog = page.getByRole("dialog", { name: "Save as a new query" });
    await dialog.getByLabel("Name").fill(name);
    await dialog.getByLabel("Tags (comma-separated)").fill("powershell, e2e");
    await dialog.getByLabel("Folder (use / to nest)").fill("E2E");
    await dialog.getByLabel("Shared with everyone in the console").check();
    await dialog.getByRole("button", { name: "Save" }).click();
    await expect(dialog).toBeHidden();
    await expect(page).toHaveURL(/\/hunting\?query=[0-9a-f-]{36}/);
    const shared = page.getByRole("region", { name: "Shared" });
    await expect(shared.getByRole("button", { name: new RegExp(name) })).toBeVisible();

    // A colleague (a Manager) sees the shared query in the Shared section.
    const managerContext = await browser.newContext();
    const manager = await asRole("manager", "/hunting", await managerContext.newPage());
    await expect(
      manager.getByRole("region", { name: "Shared" }).getByRole("button", { name: new RegExp(name) }),
    ).toBeVisible();
    await managerContext.close();

    // A Viewer opens it, runs it, and has no Save.
    const viewerContext = await browser.newContext();
    const viewer = await asRole("viewer", "/hunting", await viewerContext.newPage());
    await viewer
      .getByRole("region", { name: "Shared" })
      .getByRole("button", { name: new RegExp(name) })
      .click();
    await viewer.getByRole("button", { name: "Run", exact: true }).click();
    await expect(viewer.getByTestId("row-count")).toHaveText(/^[1-9][\d,]* rows?$/);
    await expect(viewer.getByRole("button", { name: "Save", exact: true })).toHaveCount(0);
    await expect(viewer.getByRole("button", { name: "Save as" })).toHaveCount(0);
    await viewerContext.close();
  });

  test("a query with an unknown column shows Kusto's message", async ({ asRole }) => {
    const page = await asRole("analyst", "/hunting");
    await page.getByRole("textbox", { name: "KQL query" }).fill("AlertInfo | where TimeGenerated > ago(1d)");
    await page.getByRole("button", { name: "Run", exact: true }).click();
    await expect(
      page.getByRole("alert").filter({ hasText: "Failed to resolve scalar expression named 'TimeGenerated'" }),
    ).toBeVisible();
  });
  test("an Analyst sorts the results, opens a device from a row, and charts an hourly count", async ({ asRole }) => {
    const page = await asRole("analyst", "/hunting");
    const query = page.getByRole("textbox", { name: "KQL query" });
    await query.fill("DeviceProcessEvents | summarize Events = count() by DeviceId, DeviceName | top 15 by Events");
    await page.getByRole("button", { name: "Run", exact: true }).click();
    const results = page.getByRole("region", { name: "Query results" });
    const table = results.getByRole("table");
    await expect(table.getByRole("columnheader", { name: /Events/ })).toBeVisible();

    // Sorting: the header cycles ascending, descending; the first row follows.
    const events = async () =>
      Number((await table.locator("tbody tr").first().locator("td").nth(2).textContent())?.replace(/\D/g, ""));
    const header = table.getByRole("columnheader", { name: /Events/ });
    await header.getByRole("button").click();
    await expect(header).toHaveAttribute("aria-sort", "ascending");
    const smallest = await events();
    await header.getByRole("button").click();
    await expect(header).toHaveAttribute("aria-sort", "descending");
    expect(await events()).toBeGreaterThanOrEqual(smallest);

    // A DeviceId value is a link to the console's device page.
    const device = table.locator("tbody tr").first().getByRole("link").first();
    const deviceId = (await device.textContent())?.trim() ?? "";
    await device.click();
    await expect(page).toHaveURL(new RegExp(`/devices/`));
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    expect(deviceId.length).toBeGreaterThan(0);
    await page.goBack();

    // An hourly count charts as a time series.
    await page
      .getByRole("textbox", { name: "KQL query" })
      .fill("DeviceProcessEvents | where Timestamp > ago(1d) | summarize count() by bin(Timestamp, 1h)");
    await page.getByRole("button", { name: "Run", exact: true }).click();
    await expect(page.getByTestId("row-count")).toHaveText(/^[1-9][\d,]* rows?$/);
    await page.getByRole("tab", { name: "Chart" }).click();
    await expect(page.getByRole("region", { name: "Query results" }).getByRole("img")).toBeVisible();
  });
});
