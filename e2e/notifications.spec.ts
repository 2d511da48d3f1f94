import { expect, test, tenant } from "./fixtures";

// Notifications as an Admin sets them up: an e-mail channel in Settings, a test message, and the message read in
// the demo's sink; a Manager (the channels API refuses them) adds, edits and test-sends a notification rule on the
// Notifications page.

test.describe("notifications", () => {
  test("an Admin adds an e-mail channel, sends a test, and reads it in the demo's sink", async ({ asRole }) => {
    const page = await asRole("admin", "/settings");
    const section = page.getByRole("region", { name: "Notifications" });
    const name = `e2e mailbox ${Date.now()}`;
    await section.getByRole("combobox", { name: "Kind" }).selectOption("email");
    await section.getByRole("textbox", { name: "Name", exact: true }).fill(name);
    await section.getByRole("textbox", { name: "Recipients" }).fill("soc@contoso.example");
    await section.getByRole("button", { name: "Add channel" }).click();
    await expect(section.getByRole("status").filter({ hasText: `Channel “${name}” added.` })).toBeVisible();
    const row = section.getByRole("row").filter({ hasText: name });
    await row.getByRole("button", { name: "Send test" }).click();
    await expect(section.getByRole("status").filter({ hasText: `Test message sent through “${name}”.` })).toBeVisible();

    await expect(section.getByRole("link", { name: "demo notification sink" })).toHaveAttribute(
      "href",
      tenant().sinkUrl,
    );
    await page.goto(tenant().sinkUrl);
    await expect(
      page.getByRole("heading", { name: `[SOC] Test message from the SOC console (${name})` }),
    ).toBeVisible();
  });

  test("a Manager reaches Notifications from the nav, adds and edits a rule and test-sends it; channels stay Admin's", async ({
    asRole,
    browser,
  }) => {
    // An Admin's e-mail channel for the rule to use.
    const admin = await asRole("admin", "/");
    const channel = `e2e rule mailbox ${Date.now()}`;
    const made = await admin.request.post("/api/notifications/channels", {
      data: { kind: "email", name: channel, target: "oncall@contoso.example" },
      headers: { origin: tenant().consoleUrl },
    });
    expect(made.ok()).toBe(true);

    const context = await browser.newContext();
    const page = await asRole("manager", "/", await context.newPage());
    const res = await page.request.post("/api/notifications/channels", {
      data: { kind: "email", name: "nope", target: "x@contoso.example" },
      headers: { origin: tenant().consoleUrl },
    });
    expect(res.status()).toBe(403);
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Notifications" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Notifications" })).toBeVisible();

    const rule = `High alerts ${Date.now()}`;
    await page.getByRole("button", { name: "New rule" }).click();
    const form = page.getByRole("form", { name: "Notification rule" });
    await form.getByLabel("Rule name").fill(rule);
    await form.getByRole("checkbox", { name: "High" }).first().check();
    await form.getByRole("checkbox", { name: channel }).check();
    await form.getByRole("button", { name: "Save rule" }).click();
    await expect(page.getByRole("status").filter({ hasText: `Rule “${rule}” saved.` })).toBeVisible();

    const row = page.locator(`tr[data-rule="${rule}"]`);
    await row.getByRole("button", { name: `Edit ${rule}` }).click();
    await form.getByLabel("How often").selectOption("15m");
    await form.getByLabel("Quiet from (HH:MM)").fill("22:00");
    await form.getByLabel("Quiet until (HH:MM)").fill("07:00");
    await form.getByRole("button", { name: "Save rule" }).click();
    await expect(row).toContainText("Every 15 minutes · quiet 22:00–07:00 UTC");

    await row.getByRole("button", { name: `Send a test for ${rule}` }).click();
    await expect(page.getByRole("status").filter({ hasText: `sent through ${channel}` })).toBeVisible();
    // The Manager sees no delivery log (Admins only).
    await expect(page.getByRole("table", { name: "Latest delivery attempts" })).toHaveCount(0);
    await context.close();
  });
});
