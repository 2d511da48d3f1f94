import { expect, test } from "./fixtures";

test.describe("sync status", () => {
  test("shows when each entity last synced, and the header badge says the cache is fresh", async ({ asRole }) => {
    const page = await asRole("viewer");
    await expect(page.getByTestId("freshness")).toContainText(/Synced/);
    // B15: each entity against its own cadence, listed in the tooltip, green only while none is late.
    await expect(page.getByTestId("freshness")).toHaveAttribute("data-tone", "green");
    await expect(page.getByTestId("freshness")).toHaveAttribute("title", /Alerts: .+ \(every 5 min\)/);
    await expect(page.getByTestId("freshness")).toHaveAttribute(
      "title",
      /Device vulnerabilities: .+ \(every 4 h 5 min\)/,
    );
    await page.getByTestId("freshness").click();
    await expect(page.getByRole("heading", { name: "Sync status" })).toBeVisible();
    for (const entity of ["alerts", "machines", "intuneDevices", "deviceVulnerabilities", "scores"]) {
      await expect(page.getByRole("row").filter({ hasText: entity }).first()).toBeVisible();
    }
    await expect(page.getByRole("button", { name: "Sync now" })).toHaveCount(0); // Viewers cannot start a sync
  });

  test("an Admin starts a sync now, sees it finish, and the act is audited", async ({ asRole }) => {
    const page = await asRole("admin", "/sync");
    // Sync is in the navigation (B17/issue item 8), not only behind the header badge.
    await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Sync" })).toBeVisible();

    // Full resync asks first in the console's dialog: centred, Esc cancels, focus returns to the button.
    const full = page.getByRole("button", { name: "Full resync…" });
    await full.click();
    const dialog = page.getByRole("dialog", { name: "Re-read everything from Defender and Intune?" });
    await expect(dialog).toBeVisible();
    await expect(dialog.getByRole("button", { name: "Cancel" })).toBeFocused();
    const box = (await dialog.boundingBox())!;
    const viewport = page.viewportSize()!;
    expect(Math.abs(box.x + box.width / 2 - viewport.width / 2)).toBeLessThan(2);
    await page.keyboard.press("Escape");
    await expect(dialog).toBeHidden();
    await expect(full).toBeFocused();

    await page.getByRole("button", { name: "Sync now" }).click();
    await expect(page.getByRole("status").filter({ hasText: /^Sync finished at / })).toBeVisible({ timeout: 30_000 });
    await expect(page.getByRole("button", { name: "Sync now" })).toBeEnabled();
    await page.goto("/audit?action=sync.");
    await expect(page.getByRole("row").filter({ hasText: "sync.run" }).first()).toBeVisible();

    // The audit log's filter form puts the view in the URL, and Clear filters empties both.
    await page.goto("/audit");
    const filters = page.getByRole("search", { name: "Filter audit events" });
    await filters.getByRole("textbox", { name: "Action" }).fill("sync.");
    await filters.getByRole("combobox", { name: "Result" }).selectOption("success");
    await filters.getByRole("button", { name: "Apply" }).click();
    await expect(page).toHaveURL(/\/audit\?action=sync\.&result=success$/);
    const actions = page.getByRole("table", { name: /Audit events/ }).locator("tbody tr td:nth-child(3)");
    await expect.poll(async () => (await actions.allTextContents()).every((a) => /sync\.\w+$/.test(a))).toBe(true);
    await filters.getByRole("link", { name: "Clear filters" }).click();
    await expect(page).toHaveURL(/\/audit$/);
    await expect(filters.getByRole("textbox", { name: "Action" })).toHaveValue("");
  });
});
