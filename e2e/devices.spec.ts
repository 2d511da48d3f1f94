import { readFileSync } from "node:fs";
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";

// Devices and response actions against the simulated tenant (actions settle in ~3 s: --action-ms 1500): the
// inventory's filters, search and CSV export; isolate and release followed live; a double click making one
// Defender action; the Analyst's read-only view and 403; four-eyes approval; a failed action.

const rows = (page: Page) => page.locator("tbody tr[data-device-id]");
const ISOLATE_ROUTE = "POST /api/machines/{id}/isolate";

/** The n-th Windows device by name: each test acts on its own device, so tests do not contend. */
async function windowsDevice(page: Page, n: number): Promise<{ id: string; name: string }> {
  await page.goto("/devices?platform=windows&onboarding=Onboarded&sort=name");
  const row = rows(page).nth(n);
  await expect(row).toBeVisible();
  return { id: (await row.getAttribute("data-device-id"))!, name: (await row.getAttribute("data-device-name"))! };
}

async function requestAction(
  page: Page,
  button: string,
  deviceName: string,
  comment: string,
  confirm: string,
  opts: { double?: boolean } = {},
) {
  await page.getByRole("button", { name: button, exact: true }).click();
  // The dialog names the device it acts on ("Isolate eng-lt-0001…?", "Collect an investigation package from …?").
  const dialog = page.getByRole("dialog", { name: new RegExp(` ${deviceName.replaceAll(".", "\\.")}\\?$`) });
  await expect(dialog).toBeVisible();
  await dialog.getByRole("textbox", { name: /Comment/ }).fill(comment);
  const submit = dialog.getByRole("button", { name: confirm, exact: true });
  if (opts.double) await submit.dblclick();
  else await submit.click();
  await expect(dialog).toBeHidden();
}

const latest = (page: Page, type: string) => page.locator(`li[data-action-type="${type}"]`).first();

test.describe("device inventory", () => {
  test("filters by quick filter and platform, searches, and exports exactly the filtered rows", async ({ asRole }) => {
    const page = await asRole("analyst", "/devices");
    await expect(page.getByRole("heading", { level: 1, name: "Devices" })).toBeVisible();
    await expect(rows(page).first()).toBeVisible();

    await page.getByRole("button", { name: "High risk", exact: true }).click();
    await expect(page).toHaveURL(/flag=highRisk/);
    await expect(page.getByRole("button", { name: "High risk", exact: true })).toHaveAttribute("aria-pressed", "true");
    await expect
      .poll(async () => new Set(await page.locator('td[data-col="risk"]').allTextContents()))
      .toEqual(new Set(["High"]));

    await page.getByRole("link", { name: "Windows", exact: true }).click();
    await expect(page).toHaveURL(/platform=windows/);
    await expect
      .poll(async () =>
        (await page.locator('td[data-col="platform"]').allTextContents()).every((t) => t.startsWith("Windows")),
      )
      .toBe(true);
    const shown = await rows(page).evaluateAll((trs) => trs.map((tr) => tr.getAttribute("data-device-id")!));
    expect(shown.length).toBeGreaterThan(0);
    await expect(page.getByTestId("device-total")).toHaveText(
      `${shown.length} device${shown.length === 1 ? "" : "s"} match`,
    );

    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: /Export CSV/ }).click(),
    ]);
    const csv = readFileSync((await download.path())!, "utf8")
      .replaceAll('"', "")
      .trim()
      .split("\r\n");
    expect(csv[0]).toMatch(/^id,name,platform,/);
    expect(csv.slice(1).map((line) => line.split(",")[0])).toEqual(shown);

    // Search by part of a name: the URL carries it, and every row matches.
    const name = (await rows(page).first().getAttribute("data-device-name"))!;
    const fragment = name.split(".")[0];
    await page.getByRole("link", { name: "Clear filters" }).click();
    await expect(page).toHaveURL(/\/devices$/);
    await page.getByRole("searchbox", { name: "Search name, IP or user" }).fill(fragment);
    await page.getByRole("searchbox", { name: "Search name, IP or user" }).press("Enter");
    await expect(page).toHaveURL(new RegExp(`q=${fragment}`));
    await expect(rows(page)).toHaveCount(1);
    await expect(rows(page).first()).toHaveAttribute("data-device-name", name);
  });

  test("columns can be hidden and shown again; select-all ticks every shown row", async ({ asRole }) => {
    const page = await asRole("responder", "/devices");
    const table = page.getByRole("table", { name: "Device inventory" });
    await expect(rows(page).first()).toBeVisible();
    await page.getByText("Columns", { exact: true }).click();
    const tags = page.getByRole("group", { name: "Columns shown" }).getByRole("checkbox", { name: "Tags" });
    await tags.uncheck();
    await expect(table.getByRole("columnheader", { name: "Tags" })).toHaveCount(0);
    await expect(page.getByText("Columns (1 hidden)")).toBeVisible();
    await tags.check();
    await expect(table.getByRole("columnheader", { name: "Tags" })).toHaveCount(1);
    await page.keyboard.press("Escape"); // closes the picker, which covers the first columns while open
    await expect(tags).toBeHidden();

    await table.getByRole("checkbox", { name: "Select all shown devices" }).check();
    const shown = await rows(page).count();
    await expect(table.locator('tbody tr[aria-selected="true"]')).toHaveCount(shown);
    await table.getByRole("checkbox", { name: "Select all shown devices" }).uncheck();
    await expect(table.locator('tbody tr[aria-selected="true"]')).toHaveCount(0);
  });

  test("a device only Intune knows shows Intune's OS and no Defender-only figures", async ({ asRole }) => {
    const page = await asRole("analyst", "/devices?flag=notOnboarded&sort=name");
    const row = rows(page)
      .filter({ has: page.locator('td[data-col="onboarding"]', { hasText: "Not in Defender" }) })
      .first();
    await expect(row).toBeVisible();
    await page.goto(`/devices/${await row.getAttribute("data-device-id")}`);
    await expect(page.getByText("Not onboarded to Defender for Endpoint", { exact: true })).toBeVisible();
    await expect(page.getByTestId("isolation-state")).toHaveCount(0);
    await expect(page.locator("dt", { hasText: /^OS$/ }).locator("+ dd")).not.toHaveText("—");
  });
});

test.describe("response actions", () => {
  test("a Responder isolates with a comment, sees Pending then Succeeded, the inventory shows it isolated; release the same way", async ({
    asRole,
  }) => {
    test.setTimeout(60_000); // two actions, each ~3 s in the simulated tenant, plus page loads
    const page = await asRole("responder", "/devices");
    const device = await windowsDevice(page, 0);
    await page.goto(`/devices/${device.id}`);
    await expect(page.getByTestId("isolation-state")).toHaveText("Not isolated");

    await requestAction(page, "Isolate", device.name, "Credential theft suspected; contain", "Isolate");
    await expect(latest(page, "Isolate").getByTestId("action-status")).toHaveText("Pending");
    await expect(latest(page, "Isolate").getByTestId("action-status")).toHaveText("Succeeded", { timeout: 15_000 });
    await expect(page.getByTestId("isolation-state")).toHaveText("Isolated");
    // The notice follows the action: not a stale "Pending" next to Succeeded (B12).
    await expect(page.getByRole("status").filter({ hasText: "Isolate sent to Defender" })).toHaveText(
      "Isolate sent to Defender: Succeeded.",
    );

    await page.goto(`/devices?flag=isolated&q=${encodeURIComponent(device.name)}`);
    await expect(page.locator(`tr[data-device-id="${device.id}"] [data-testid="isolation-state"]`)).toHaveText(
      "Isolated",
    );

    await page.goto(`/devices/${device.id}`);
    await requestAction(page, "Release from isolation", device.name, "Cleaned; give the network back", "Release");
    await expect(latest(page, "Unisolate").getByTestId("action-status")).toHaveText("Pending");
    await expect(latest(page, "Unisolate").getByTestId("action-status")).toHaveText("Succeeded", { timeout: 15_000 });
    await expect(page.getByTestId("isolation-state")).toHaveText("Not isolated");
  });

  test("double-clicking isolate creates one action in Defender", async ({ asRole, emulator: emu }) => {
    const page = await asRole("responder", "/devices");
    const device = await windowsDevice(page, 1);
    await page.goto(`/devices/${device.id}`);
    const before = (await emu.stats())[ISOLATE_ROUTE] ?? 0;
    await requestAction(page, "Isolate", device.name, "Double click on purpose", "Isolate", { double: true });
    await expect(latest(page, "Isolate").getByTestId("action-status")).toHaveText("Succeeded", { timeout: 15_000 });
    expect((await emu.stats())[ISOLATE_ROUTE] ?? 0).toBe(before + 1);
    await expect(page.locator('li[data-action-type="Isolate"]')).toHaveCount(1);
  });

  test("a responder isolates from an alert page: the device card's controls, then Pending", async ({ asRole }) => {
    // A device no other test acts on (they take the first ones by name), with open alerts.
    const page = await asRole("responder", "/devices?platform=windows&onboarding=Onboarded&sort=name");
    await expect(rows(page).first()).toBeVisible();
    const taken = new Set(
      await rows(page).evaluateAll((trs) => trs.slice(0, 12).map((tr) => tr.getAttribute("data-device-id"))),
    );
    await page.goto("/devices?platform=windows&onboarding=Onboarded&isolation=NotIsolated&sort=openAlerts&dir=desc");
    await expect(rows(page).first()).toBeVisible();
    const candidates = await rows(page).evaluateAll((trs) =>
      trs.map((tr) => ({ id: tr.getAttribute("data-device-id")!, name: tr.getAttribute("data-device-name")! })),
    );
    const device = candidates.find((d) => !taken.has(d.id))!;
    await page.goto(`/devices/${device.id}`);
    await page.getByRole("table", { name: "Open alerts on this device" }).getByRole("link").first().click();
    await expect(page).toHaveURL(/\/alerts\/[^/]+$/);

    const card = page.getByRole("region", { name: "Device" });
    await expect(card.getByRole("link", { name: device.name })).toBeVisible();
    await requestAction(page, "Isolate", device.name, "Ransomware alert on this host; contain", "Isolate");
    await expect(card.locator('li[data-action-type="Isolate"]').first().getByTestId("action-status")).toHaveText(
      /^(Pending|InProgress)$/,
    );
    await expect(card.getByRole("status").filter({ hasText: "Isolate sent to Defender" })).toBeVisible();
  });

  test("an Analyst sees no response controls and the API refuses the action", async ({ asRole }) => {
    const page = await asRole("analyst", "/devices");
    await expect(page.getByRole("checkbox", { name: /^Select/ })).toHaveCount(0);
    const device = await windowsDevice(page, 2);
    await page.goto(`/devices/${device.id}`);
    await expect(page.getByRole("heading", { name: "Response" })).toBeVisible();
    await expect(page.getByText("Your role can see response actions but not start them.")).toBeVisible();
    await expect(page.getByRole("button", { name: "Isolate", exact: true })).toHaveCount(0);
    const origin = new URL(page.url()).origin;
    const res = await page.request.post(`/api/devices/${device.id}/actions`, {
      data: { type: "Isolate", comment: "not allowed", idempotencyKey: "analyst-attempt-0000001" },
      headers: { origin },
    });
    expect(res.status()).toBe(403);
  });

  test("with four-eyes on, isolation reaches Defender only after a second person approves", async ({
    asRole,
    emulator: emu,
    browser,
  }) => {
    test.setTimeout(90_000);
    const adminContext = await browser.newContext();
    const admin = await adminContext.newPage();
    await asRole("admin", "/settings", admin);
    const toggle = admin.getByRole("checkbox", { name: "Require four-eyes approval for isolate and release" });
    await toggle.check();
    await admin.getByRole("button", { name: "Save", exact: true }).click();
    await expect(admin.getByRole("status").filter({ hasText: "Four-eyes approval is on" })).toBeVisible();
    try {
      const page = await asRole("responder", "/devices");
      const device = await windowsDevice(page, 3);
      await page.goto(`/devices/${device.id}`);
      const before = (await emu.stats())[ISOLATE_ROUTE] ?? 0;
      // The dialog says approval is needed, on its button too.
      await requestAction(
        page,
        "Isolate",
        device.name,
        "Needs a second pair of eyes",
        "Request isolation (needs approval)",
      );
      await expect(latest(page, "Isolate").getByTestId("action-status")).toHaveText("Awaiting approval");
      expect((await emu.stats())[ISOLATE_ROUTE] ?? 0).toBe(before);

      const managerContext = await browser.newContext();
      const manager = await managerContext.newPage();
      await asRole("manager", "/actions?tab=approvals", manager);
      // The manager's navigation says a request awaits their approval.
      const badge = manager.getByRole("navigation", { name: "Main" }).getByTestId("approvals-badge");
      await expect(badge).toHaveText(/^1\b/);
      const row = manager.locator(`tr[data-device-name="${device.name}"]`).first();
      await row.getByRole("button", { name: "Approve" }).click();
      const dialog = manager.getByRole("dialog", {
        name: new RegExp(`^Approve .+ ${device.name.replaceAll(".", "\\.")}\\?$`),
      });
      await dialog.getByRole("textbox", { name: /Reason/ }).fill("Confirmed with the incident lead");
      await dialog.getByRole("button", { name: "Approve and send" }).click();
      await expect(
        manager.getByRole("status").filter({ hasText: `Approved: Isolate on ${device.name} sent to Defender` }),
      ).toBeVisible();
      expect((await emu.stats())[ISOLATE_ROUTE] ?? 0).toBe(before + 1);
      await expect(badge).toBeHidden();
      await managerContext.close();

      await expect(latest(page, "Isolate").getByTestId("action-status")).toHaveText("Succeeded", { timeout: 20_000 });
      await expect(latest(page, "Isolate")).toContainText("approved by manager@");
    } finally {
      const off = await admin.request.put("/api/settings/actions", {
        data: { fourEyes: false },
        headers: { origin: new URL(admin.url()).origin },
      });
      expect(off.status()).toBe(200);
      await adminContext.close();
    }
  });

  test("a failed action is shown as failed and the device stays as it was", async ({ asRole, emulator: emu }) => {
    const page = await asRole("responder", "/devices");
    const device = await windowsDevice(page, 4);
    await page.goto(`/devices/${device.id}`);
    await emu.faults({ actionOutcome: "Failed" });
    try {
      await requestAction(page, "Isolate", device.name, "This one will fail", "Isolate");
      await expect(latest(page, "Isolate").getByTestId("action-status")).toHaveText("Failed", { timeout: 15_000 });
    } finally {
      await emu.faults({});
    }
    await page.reload();
    await expect(page.getByTestId("isolation-state")).toHaveText("Not isolated");
    await expect(latest(page, "Isolate").getByTestId("action-status")).toHaveText("Failed");
  });

  test("while Defender cannot be reached, the responder is told the status shown is the last known; it catches up after", async ({
    asRole,
    emulator: emu,
  }) => {
    // Status reads share a per-minute budget with every earlier test's actions: allow for a wait on it.
    test.setTimeout(120_000);
    const page = await asRole("responder", "/devices");
    const device = await windowsDevice(page, 8);
    await page.goto(`/devices/${device.id}`);
    await requestAction(
      page,
      "Collect investigation package",
      device.name,
      "Forensics while Defender is flaky",
      "Collect package",
    );
    const status = latest(page, "CollectInvestigationPackage").getByTestId("action-status");
    await expect(status).toHaveText(/^(Pending|In progress)$/);
    await emu.faults({ errorRate: 1 });
    try {
      const warning = page
        .getByRole("alert")
        .filter({ hasText: "The status of 1 action could not be refreshed: Defender answered" });
      await expect(warning).toBeVisible({ timeout: 60_000 });
      await expect(warning).toContainText("Its status is the last known");
      await expect(status).toHaveText(/^(Pending|In progress)$/);
    } finally {
      await emu.faults({});
    }
    await expect(status).toHaveText("Succeeded", { timeout: 45_000 });
    await expect(page.getByRole("alert").filter({ hasText: "could not be refreshed" })).toHaveCount(0);
  });
});

test.describe("bulk scan and keyboard", () => {
  test("scans two selected devices: one confirmation, per-device results, two scans in Defender, audited", async ({
    asRole,
    emulator: emu,
    browser,
  }) => {
    test.setTimeout(60_000);
    const page = await asRole("responder", "/devices?platform=windows&onboarding=Onboarded&sort=name");
    const before = (await emu.stats())["POST /api/machines/{id}/runAntiVirusScan"] ?? 0;
    const picked = [rows(page).nth(5), rows(page).nth(6)];
    const names: string[] = [];
    for (const row of picked) {
      names.push((await row.getAttribute("data-device-name"))!);
      await row.getByRole("checkbox").check();
    }
    await expect(page.getByText("2 selected")).toBeVisible();
    await page.getByRole("button", { name: "Scan selected devices" }).click();
    const dialog = page.getByRole("dialog", { name: /^Run an antivirus scan on 2 devices/ });
    await dialog.getByRole("radio", { name: "Quick scan" }).check();
    await dialog.getByRole("textbox", { name: /Comment/ }).fill("Sweep after the phishing wave");
    await dialog.getByRole("button", { name: "Scan 2 devices" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Antivirus scan queued for 2 devices" })).toBeVisible();
    const results = page.getByRole("list", { name: "Per-device results" });
    for (const name of names)
      await expect(results.getByRole("listitem").filter({ hasText: name }).getByTestId("action-status")).toHaveText(
        "Succeeded",
        { timeout: 20_000 },
      );
    expect((await emu.stats())["POST /api/machines/{id}/runAntiVirusScan"] ?? 0).toBe(before + 2);

    // Followed into the action center (a client-side navigation, with the scan's follow-up still cached).
    await page.getByRole("link", { name: "Follow in the action center" }).click();
    await expect(page).toHaveURL(/\/actions\?batch=/);
    for (const name of names)
      await expect(page.getByRole("row").filter({ hasText: name }).filter({ hasText: "Antivirus scan" })).toBeVisible();

    const adminContext = await browser.newContext();
    const admin = await adminContext.newPage();
    await asRole("admin", "/audit?action=action.bulk_scan", admin);
    await expect(admin.getByRole("table", { name: /Audit events/ })).toContainText("responder@contoso.example");
    await adminContext.close();
  });

  test("the response dialog works from the keyboard: Enter opens, Esc closes, focus returns", async ({ asRole }) => {
    const page = await asRole("responder", "/devices");
    const device = await windowsDevice(page, 7);
    await page.goto(`/devices/${device.id}`);
    const scan = page.getByRole("button", { name: "Antivirus scan", exact: true });
    await scan.focus();
    await page.keyboard.press("Enter");
    const dialog = page.getByRole("dialog", { name: `Run an antivirus scan on ${device.name}?` });
    await expect(dialog).toBeVisible();
    await expect(dialog.getByRole("radio", { name: "Quick scan" })).toBeChecked();
    // Centred in the window, not pinned to its top-left corner (B11).
    const box = (await dialog.boundingBox())!;
    const view = page.viewportSize()!;
    expect(Math.abs(box.x + box.width / 2 - view.width / 2)).toBeLessThan(2);
    expect(Math.abs(box.y + box.height / 2 - view.height / 2)).toBeLessThan(2);
    await page.keyboard.press("Escape");
    await expect(dialog).toBeHidden();
    await expect(scan).toBeFocused();
  });
});
