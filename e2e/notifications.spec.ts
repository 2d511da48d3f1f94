import { expect, test, tenant } from "./fixtures";

// Notifications as an Admin sets them up: an e-mail channel in Settings, a test message, and the message read in
// the demo's sink; a Manager is not shown the settings page and the channels API refuses them.

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

  test("a Manager may not configure channels", async ({ asRole }) => {
    const page = await asRole("manager", "/");
    const res = await page.request.post("/api/notifications/channels", {
      data: { kind: "email", name: "nope", target: "x@contoso.example" },
      headers: { origin: tenant().consoleUrl },
    });
    expect(res.status()).toBe(403);
  });
});
