import { expect, test } from "./fixtures";

// Settings as an Admin uses it: priority rules as a form with a dry run before saving, SLA clocks with units.

test.describe("settings", () => {
  test("priority rules are a form: a stale error clears on edit (B20), and a save first says how many alerts it changes", async ({
    asRole,
  }) => {
    const page = await asRole("admin", "/settings");
    await expect(page.getByRole("heading", { level: 1, name: "Settings" })).toBeVisible();
    await expect(page.getByText(/issue #/)).toHaveCount(0); // no developer text (B17)
    const form = page.getByRole("form", { name: "Priority rules and SLA clocks" });

    // Clocks in units: the default Low clock (4320 minutes) reads 3 days.
    await expect(form.getByRole("spinbutton", { name: "Low SLA amount" })).toHaveValue("3");
    await expect(form.getByRole("combobox", { name: "Low SLA unit" })).toHaveValue("days");

    // A rule the server refuses: the error names it…
    const first = form.getByRole("listitem").first();
    const techniques = first.getByRole("textbox", { name: "MITRE technique is one of" });
    const before = await techniques.inputValue();
    await techniques.fill("T12");
    const save = form.getByRole("button", { name: "Save rules and clocks" });
    await save.click();
    const error = page.getByRole("alert").filter({ hasText: "Not saved: " });
    await expect(error).toContainText("mitreTechniques");
    // …and goes as soon as the form changes, instead of pointing at a problem that is no longer there (B20).
    await form.getByRole("spinbutton", { name: "High SLA amount" }).fill("2");
    await expect(error).toBeHidden();

    // A change: the dry run counts the alerts it would re-rank before anything is saved; Cancel saves nothing.
    await techniques.fill(before);
    await save.click();
    const dialog = page.getByRole("dialog", { name: "Save the rules and clocks?" });
    await expect(dialog.getByTestId("dry-run")).toContainText(
      /would change the priority or SLA deadline of [1-9]\d* cached alert/,
    );
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await expect(dialog).toBeHidden();

    // Back to the clock in force: saving changes nothing, and says so with the same count as its dry run.
    await form.getByRole("spinbutton", { name: "High SLA amount" }).fill("1");
    await save.click();
    await expect(dialog.getByTestId("dry-run")).toContainText("of 0 cached alerts");
    await dialog.getByRole("button", { name: "Save" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Saved. 0 cached alerts changed" })).toBeVisible();
  });
});
