import { expect, test } from "./fixtures";

// Indicators and automated investigations: a Responder blocks a file hash from an alert's evidence everywhere
// (the dialog comes prefilled; Defender holds the indicator afterwards and the list shows it); an Analyst sees the
// investigations waiting for approval with the days left and the way to the Defender action center, where approval
// happens (no API), and a device's investigations on its page.

interface AlertWithEvidence {
  id: string;
  evidence: { sha256: string | null; entityType: string }[];
}

test.describe("indicators and investigations", () => {
  test("a Responder blocks a file hash from an alert's evidence", async ({ asRole, emulator }) => {
    const alerts = (await emulator.defender("/api/alerts?$expand=evidence&$top=300")) as { value: AlertWithEvidence[] };
    const alert = alerts.value.find((a) => a.evidence.some((e) => e.sha256 && /^[0-9a-f]{64}$/i.test(e.sha256)));
    expect(alert, "the simulated tenant has an alert with file evidence").toBeTruthy();
    const page = await asRole("responder", `/alerts/${alert!.id}`);

    await page.getByRole("button", { name: "Block everywhere" }).click();
    const dialog = page.getByRole("dialog", { name: /Block a value from this alert's evidence/ });
    const value = dialog.getByRole("textbox", { name: "Value" });
    const hash = await value.inputValue();
    expect(hash).toMatch(/^[0-9a-f]{64}$/i);
    await expect(dialog.getByRole("combobox", { name: "Type" })).toHaveValue("FileSha256");
    await expect(dialog.getByRole("combobox", { name: "Action" })).toHaveValue("Block");
    await expect(dialog.getByRole("textbox", { name: "Title" })).toHaveValue(/^Blocked from alert: /);
    await dialog.getByRole("button", { name: "Submit to Defender" }).click();
    await expect(page.getByRole("status").filter({ hasText: `Block ${hash} everywhere` })).toBeVisible();

    const held = (await emulator.defender(`/api/indicators?$filter=indicatorValue eq '${hash}'`)) as {
      value: { action: string; indicatorType: string; severity: string }[];
    };
    expect(held.value).toEqual([
      expect.objectContaining({ action: "Block", indicatorType: "FileSha256", severity: "High" }),
    ]);

    await page.goto(`/indicators?q=${hash}`);
    const row = page.getByRole("table", { name: "Custom indicators" }).locator(`tr[data-value="${hash}"]`);
    await expect(row).toContainText("Block");
    await expect(row).toContainText("File SHA-256");
    // Responders create; only Admins delete.
    await expect(row.getByRole("button", { name: "Delete" })).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Import CSV" })).toBeVisible();
  });

  test("an Analyst sees an investigation pending approval with its expiry and the link to Defender", async ({
    asRole,
  }) => {
    const page = await asRole("analyst", "/investigations");
    await page.getByRole("link", { name: /Pending approval/ }).click();
    await expect(page).toHaveURL(/\/investigations\?view=pending$/);
    await expect(page.getByRole("note")).toContainText("Approval is not possible through Defender's API");

    const table = page.getByRole("table", { name: "Automated investigations" });
    const pending = table.locator('tr[data-state="PendingApproval"]').first();
    await expect(pending).toBeVisible();
    const deadline = pending.getByTestId("approval-deadline");
    await expect(deadline).toContainText(/\d+ days? left · expires \d{4}-\d{2}-\d{2}/);
    await expect(
      deadline.getByRole("link", { name: "Approve or reject in the Defender action center" }),
    ).toHaveAttribute("href", "https://security.microsoft.com/action-center");
    await expect(table.locator("tbody tr:not([data-state='PendingApproval'])")).toHaveCount(0);

    // The device's page lists its investigations, with Start investigation for Analysts.
    await pending.locator('a[href^="/devices/"]').click();
    await expect(page).toHaveURL(/\/devices\//);
    const panel = page.getByRole("region", { name: "Automated investigations" });
    await expect(panel.locator('tr[data-state="PendingApproval"]').first()).toBeVisible();
    await expect(panel.getByRole("button", { name: "Start investigation" })).toBeVisible();
  });
});
