import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";

// The KQL editor on /hunting: Kusto.Language in the worker completes columns, underlines an unknown name with
// Kusto's own message, and offers the one-click TimeGenerated → Timestamp fix; the schema panel inserts names.

const editor = (page: Page) => page.locator('[data-kql-editor="ready"] .cm-content');

async function replaceQuery(page: Page, text: string) {
  await editor(page).click();
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.press("Delete");
  await page.keyboard.type(text);
}

test.describe("hunting editor", () => {
  test("completes columns, underlines Kusto's errors and fixes TimeGenerated", async ({ asRole }) => {
    const page = await asRole("analyst", "/hunting");
    await expect(page.locator('[data-kql-language="ready"]')).toBeVisible({ timeout: 20_000 });
    // Kusto.Language answers although the worker's policy refuses to evaluate strings (no 'unsafe-eval'). The
    // probe is a string timer the worker itself runs: code evaluated through the devtools protocol would bypass CSP.
    const evaluation = await page.workers()[0]!.evaluate(
      () =>
        new Promise<string>((resolve) => {
          const scope = self as unknown as { ran?: boolean; setTimeout(code: string, ms: number): void };
          self.addEventListener(
            "securitypolicyviolation",
            (e) => resolve(`refused by ${e.effectiveDirective} (${e.blockedURI})`),
            { once: true },
          );
          try {
            scope.setTimeout("self.ran = true", 0);
          } catch (error) {
            resolve(`threw ${String(error)}`);
          }
          setTimeout(() => resolve(scope.ran ? "allowed" : "did not run"), 1000);
        }),
    );
    expect(evaluation).toBe("refused by script-src (eval)");

    await replaceQuery(page, "DeviceProcessEvents | where Fi");
    const list = page.locator(".cm-tooltip-autocomplete");
    await expect(list.getByText("FileName", { exact: true })).toBeVisible();
    await list.getByText("FileName", { exact: true }).click();
    await expect(editor(page)).toContainText("DeviceProcessEvents | where FileName");

    await replaceQuery(page, "DeviceProcessEvents | where Foo == 1");
    const underline = page.locator(".cm-lintRange-error");
    await expect(underline).toHaveText("Foo");
    await underline.hover();
    await expect(page.locator(".cm-tooltip-lint")).toContainText(
      "The name 'Foo' does not refer to any known column, table, variable or function.",
    );

    await replaceQuery(page, "DeviceLogonEvents | where TimeGenerated > ago(1d)");
    await expect(page.locator(".cm-lintRange-warning")).toHaveText("TimeGenerated");
    await page.locator(".cm-lintRange-warning").hover();
    await page.locator(".cm-tooltip-lint").getByRole("button", { name: "Use Timestamp" }).click();
    await expect(editor(page)).toContainText("DeviceLogonEvents | where Timestamp > ago(1d)");
    await expect(page.getByText("No problems found.")).toBeVisible();
  });

  test("the schema panel filters columns and inserts a name at the cursor", async ({ asRole }) => {
    const page = await asRole("viewer", "/hunting");
    await expect(page.locator('[data-kql-language="ready"]')).toBeVisible({ timeout: 20_000 });
    await replaceQuery(page, "DeviceRegistryEvents | project ");
    await page.getByRole("searchbox", { name: "Filter tables and columns" }).fill("RegistryValueD");
    const column = page
      .getByRole("complementary", { name: "Schema" })
      .getByRole("button", { name: "RegistryValueData" });
    await expect(column.first()).toHaveAttribute("title", /Data of the registry value/);
    await column.first().click();
    await expect(editor(page)).toContainText("DeviceRegistryEvents | project RegistryValueData");
  });
});
