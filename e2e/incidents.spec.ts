import { expect, test, userFor } from "./fixtures";

// Incidents: an analyst classifies an incident with a determination; Defender XDR takes it and the page shows it
// after a reload (it came back through the cache, not from the form's state). A Viewer gets no triage controls.

test.describe("incidents", () => {
  test("an analyst classifies an incident as a true positive with a determination", async ({ asRole }) => {
    const page = await asRole("analyst", "/incidents");
    const first = page.getByRole("table", { name: "Incidents" }).locator("tbody a").first();
    await expect(first).toBeVisible();
    await first.click();
    await expect(page).toHaveURL(/\/incidents\/\d+$/);

    const form = page.getByRole("form", { name: "Incident triage" });
    const determination = form.getByRole("combobox", { name: "Determination" });
    await expect(determination).toBeDisabled();
    await form.getByRole("combobox", { name: "Classification" }).selectOption("FalsePositive");
    // XDR takes a determination only with TruePositive, so the form does not offer one here.
    await expect(determination).toBeDisabled();
    await form.getByRole("combobox", { name: "Classification" }).selectOption("TruePositive");
    await expect(determination).toBeEnabled();
    await determination.selectOption("Malware");
    await form.getByRole("textbox", { name: "Comment" }).fill("Confirmed malware on two hosts");
    await form.getByRole("button", { name: "Apply to incident" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Defender accepted the change." })).toBeVisible();

    await page.reload();
    await expect(page.getByTestId("incident-classification")).toContainText("True positive");
    await expect(page.getByTestId("incident-classification")).toContainText("Malware");
    // The comment names the analyst, not the console's app id Defender records (B4); the history is a sentence.
    const comment = page.getByRole("listitem").filter({ hasText: "Confirmed malware on two hosts" });
    await expect(comment).toContainText(userFor("analyst"));
    await expect(comment).not.toContainText(/[0-9a-f]{8}-[0-9a-f]{4}-/);
    await expect(page.getByRole("table", { name: /Changes made to this incident/ })).toContainText(
      "classified this incident as True positive — Malware and commented “Confirmed malware on two hosts”",
    );
  });

  test("the list pages on with Load more, and its filters live in the URL", async ({ asRole }) => {
    const page = await asRole("viewer", "/incidents");
    const table = page.getByRole("table", { name: "Incidents" });
    const rows = table.locator("tbody tr[data-incident-id]");
    await expect(rows).toHaveCount(50);
    await page.getByRole("button", { name: "Load more" }).click();
    await expect.poll(() => rows.count()).toBeGreaterThan(50);

    const filters = page.getByRole("search", { name: "Filter incidents" });
    await filters.getByRole("checkbox", { name: "High", exact: true }).check();
    await filters.getByRole("button", { name: "Apply" }).click();
    await expect(page).toHaveURL(/\/incidents\?severity=High$/);
    await expect
      .poll(async () => new Set(await rows.locator("td:nth-child(2)").allTextContents()))
      .toEqual(new Set(["High"]));
    await filters.getByRole("link", { name: "Clear filters" }).click();
    await expect(page).toHaveURL(/\/incidents$/);
    await expect(filters.getByRole("checkbox", { name: "High", exact: true })).not.toBeChecked();
  });

  test("a Viewer reads an incident without triage controls", async ({ asRole }) => {
    const page = await asRole("viewer", "/incidents");
    await page.getByRole("table", { name: "Incidents" }).locator("tbody a").first().click();
    await expect(page.getByTestId("incident-classification")).toBeVisible();
    await expect(page.getByRole("form", { name: "Incident triage" })).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Assign to me" })).toHaveCount(0);
  });
});
