import { expect, test, userFor } from "./fixtures";

// Incidents: an analyst classifies an incident with a determination; Defender XDR takes it and the page shows it
// after a reload (it came back through the cache, not from the form's state). The list is the alert queue's
// pattern: URL view, disclosure filters, bulk triage with the assignee picker, keyboard. A Viewer gets no triage
// controls.

test.describe("incidents", () => {
  test("an analyst classifies an incident as a true positive with a determination", async ({ asRole }) => {
    const page = await asRole("analyst", "/incidents");
    const first = page.getByRole("table", { name: "Incidents" }).locator("tbody a").first();
    await expect(first).toBeVisible();
    await first.click();
    await expect(page).toHaveURL(/\/incidents\/\d+$/);

    const form = page.getByRole("form", { name: "Triage this incident" });
    const determination = form.getByRole("combobox", { name: "Determination" });
    await expect(determination).toBeDisabled();
    await form.getByRole("combobox", { name: "Classification" }).selectOption("FalsePositive");
    // XDR takes a determination only with TruePositive, so the form does not offer one here.
    await expect(determination).toBeDisabled();
    await form.getByRole("combobox", { name: "Classification" }).selectOption("TruePositive");
    await expect(determination).toBeEnabled();
    await determination.selectOption("Malware");
    await form.getByRole("textbox", { name: "Comment" }).fill("Confirmed malware on two hosts");
    await form.getByRole("button", { name: "Apply to this incident" }).click();
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

    // A filter is a disclosure menu: ticking a box changes the URL at once (no Apply) and shows a count.
    const filters = page.getByRole("search", { name: "Filter incidents" });
    await filters.locator("summary", { hasText: "Severity" }).click();
    // The box reflects the URL, so click and let the URL assertion that follows do the waiting.
    await filters.getByRole("group", { name: "Severity" }).getByRole("checkbox", { name: "High", exact: true }).click();
    await expect(page).toHaveURL(/\/incidents\?severity=High$/);
    await expect(filters.locator("summary", { hasText: "Severity" })).toHaveAccessibleName("Severity: 1 selected");
    await expect
      .poll(async () => new Set(await rows.locator('td[data-col="severity"]').allTextContents()))
      .toEqual(new Set(["High"]));
    await filters.getByRole("link", { name: "Clear filters" }).click();
    await expect(page).toHaveURL(/\/incidents$/);
  });

  test("a Viewer reads an incident without triage controls", async ({ asRole }) => {
    const page = await asRole("viewer", "/incidents");
    await page.getByRole("table", { name: "Incidents" }).locator("tbody a").first().click();
    await expect(page.getByTestId("incident-classification")).toBeVisible();
    await expect(page.getByRole("form", { name: /Triage/ })).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Assign to me" })).toHaveCount(0);
  });

  test("an analyst triages from the list: URL view, keyboard selection, bulk assign with the picker's confirmation", async ({
    asRole,
  }) => {
    // Open, unassigned incidents, most urgent first (the default sort): the view comes from the URL.
    const page = await asRole("analyst", "/incidents?assignedTo=unassigned&status=Active");
    const rows = page.locator("tbody tr[data-incident-id]");
    await expect(rows.nth(2)).toBeVisible();
    await expect(
      page.getByRole("search", { name: "Filter incidents" }).locator("summary", { hasText: "Status" }),
    ).toHaveAccessibleName("Status: 1 selected");
    const first = await rows.nth(0).getAttribute("data-incident-id");
    const second = await rows.nth(1).getAttribute("data-incident-id");

    // j/x select two rows with the keyboard.
    await page.locator("h1").click();
    await page.keyboard.press("j");
    await expect(rows.nth(0)).toHaveAttribute("aria-current", "true");
    await page.keyboard.press("x");
    await page.keyboard.press("j");
    await page.keyboard.press("x");
    await expect(rows.nth(1).getByRole("checkbox")).toBeChecked();
    const form = page.getByRole("form", { name: "Triage 2 selected incidents" });

    // An address nobody knows needs the explicit confirmation before Apply is possible.
    const assignee = form.getByRole("combobox", { name: "Assign to" });
    await assignee.fill("ghost@nowhere.invalid");
    const confirm = form.getByRole("checkbox", { name: /matches nobody/ });
    await expect(confirm).toBeVisible();
    const apply = form.getByRole("button", { name: "Apply to 2 selected incidents" });
    await expect(apply).toBeDisabled();
    // A person who signed in to the console is known: no confirmation.
    await assignee.fill(userFor("analyst"));
    await expect(confirm).toBeHidden();
    await expect(apply).toBeEnabled();
    await assignee.fill("ghost@nowhere.invalid");
    await confirm.check();
    await apply.click();
    await expect(
      page.getByRole("status").filter({ hasText: "Defender accepted the change for 2 of 2 incidents." }),
    ).toBeVisible();
    // Assigned now, they leave this view of unassigned incidents, and nothing stays selected.
    await expect(page.locator(`tr[data-incident-id="${first}"], tr[data-incident-id="${second}"]`)).toHaveCount(0);
    await expect(page.getByRole("form", { name: /Triage (the focused incident|no incident)/ })).toBeVisible();

    // Enter opens the focused incident; its alert titles get the room to stay on one or two lines.
    await page.locator("h1").click();
    await page.keyboard.press("j");
    const focused = await rows.nth(0).getAttribute("data-incident-id");
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(new RegExp(`/incidents/${focused}$`));
    const title = page.getByRole("table", { name: "Alerts in this incident" }).locator("tbody a").first();
    const box = await title.boundingBox();
    const lineHeight = await title.evaluate((el) => parseFloat(getComputedStyle(el).lineHeight));
    expect(box!.height).toBeLessThanOrEqual(2 * lineHeight + 1);
  });
});
