import { expect, test } from "./fixtures";

// Custom detection rules: an Analyst turns a saved hunting query into a rule from the hunting page, sees the
// required-columns check pass and the dry run's would-be alerts, saves the rule disabled, and enables it; the rule is
// in Microsoft Graph (the emulator) and its alerts link into the queue.

// A few rows (the emulator's engine stops at take), so the dry run and the rule's 30-day first run stay quick.
const QUERY =
  'DeviceProcessEvents | where FileName =~ "powershell.exe" | take 5 | project Timestamp, DeviceId, DeviceName, ReportId';

test("an Analyst turns a saved query into a rule, sees its dry run and enables it", async ({ asRole }) => {
  const page = await asRole("analyst", "/hunting");
  const name = `PowerShell per device ${Date.now()}`;
  const saved = await page.request.post("/api/hunting/queries", {
    data: { name, query: QUERY },
    headers: { origin: new URL(page.url()).origin },
  });
  expect(saved.status()).toBe(201);
  const { id } = (await saved.json()) as { id: string };

  await page.goto(`/hunting?query=${id}`);
  await page.getByRole("link", { name: "Create detection rule" }).click();
  await expect(page).toHaveURL(new RegExp(`/hunting/detections\\?new=${id}`));
  const form = page.getByRole("form", { name: "Custom detection rule" });
  await expect(form.getByTestId("query-check")).toContainText("returns the columns a detection needs");
  await form.getByLabel("Alert title (may use {{Column}})").fill("PowerShell on {{DeviceName}}");
  await form.getByRole("combobox", { name: /^Severity/ }).selectOption("high");

  await form.getByRole("button", { name: "Dry run" }).click();
  await expect(form.getByRole("status").filter({ hasText: "the first run would raise" })).toBeVisible();
  await expect(form.getByTestId("would-be-alert").first()).toContainText(/PowerShell on \S+.*Device id: /);

  await form.getByRole("button", { name: "Save rule" }).click();
  await expect(page.getByRole("status").filter({ hasText: `Rule “${name}” created` })).toBeVisible();
  const row = page.locator(`tr[data-rule="${name}"]`);
  await expect(row.locator('[data-col="status"]')).toHaveText("Disabled");
  await row.getByRole("button", { name: `Enable ${name}` }).click();
  await expect(row.locator('[data-col="status"]')).toHaveText("Enabled");
  await expect(page.getByRole("status").filter({ hasText: `Rule “${name}” is enabled.` })).toBeVisible();
  // An Analyst does not delete rules.
  await expect(row.getByRole("button", { name: `Delete ${name}` })).toHaveCount(0);
});
