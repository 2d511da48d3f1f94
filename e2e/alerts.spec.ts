import type { Page } from "@playwright/test";
import { expect, test, userFor } from "./fixtures";
import type { AlertRow } from "../lib/alerts/schemas";

// The alert queue against the simulated tenant: shareable views, bulk triage that reaches Defender and the audit
// log, the Viewer's read-only queue, a rule-raised Critical alert with its SLA badge, and keyboard triage.

const rows = (page: Page) => page.locator("tbody tr[data-alert-id]");
const rowIds = (page: Page) => rows(page).evaluateAll((trs) => trs.map((tr) => tr.getAttribute("data-alert-id")!));

async function pickInFilter(page: Page, filter: string, option: string) {
  const summary = page.locator("summary", { hasText: filter });
  await summary.click();
  // The filter navigates (the URL is the view), so click and let the URL assertion that follows do the waiting.
  await page.getByRole("group", { name: filter }).getByRole("checkbox", { name: option, exact: true }).click();
  await summary.click(); // close the disclosure again
}

test.describe("alert queue", () => {
  test("filters by severity and status; the URL opens the same view in a new page", async ({ asRole }) => {
    const page = await asRole("analyst", "/alerts?range=180d");
    await expect(page.getByRole("heading", { level: 1, name: "Alerts" })).toBeVisible();
    await expect(rows(page).first()).toBeVisible();

    await pickInFilter(page, "Severity", "High");
    await expect(page).toHaveURL(/severity=High/);
    await pickInFilter(page, "Status", "New");
    await expect(page).toHaveURL(/status=New/);
    await expect
      .poll(async () => new Set(await page.locator('td[data-col="status"]').allTextContents()))
      .toEqual(new Set(["New"]));
    await expect(page.locator("summary", { hasText: "Severity" })).toHaveAttribute(
      "aria-label",
      "Severity: 1 selected",
    );

    // Sort by a column header: aria-sort says so, and the sort is in the URL too.
    await page.getByRole("button", { name: "Title", exact: true }).click();
    await expect(page).toHaveURL(/sort=title/);
    await expect(page.getByRole("columnheader", { name: /Title/ })).toHaveAttribute("aria-sort", "ascending");

    const shown = await rowIds(page);
    expect(shown.length).toBeGreaterThan(0);
    const shared = await page.context().newPage();
    await shared.goto(page.url());
    await expect(shared.locator("summary", { hasText: "Severity" })).toHaveAttribute(
      "aria-label",
      "Severity: 1 selected",
    );
    await expect(shared.locator("summary", { hasText: "Status" })).toHaveAttribute("aria-label", "Status: 1 selected");
    await expect(shared.getByRole("columnheader", { name: /Title/ })).toHaveAttribute("aria-sort", "ascending");
    await expect.poll(() => rowIds(shared)).toEqual(shown);
    await shared.close();

    await page.getByRole("link", { name: "Clear filters" }).first().click();
    await expect(page).toHaveURL(/\/alerts$/);
  });

  test("a shared saved view opens the same queue for a colleague; its owner deletes it", async ({
    asRole,
    browser,
  }) => {
    const page = await asRole("analyst", "/alerts?range=90d&severity=Medium&sort=title");
    await page.getByRole("button", { name: "Save view…" }).click();
    const form = page.getByRole("form", { name: "Save this view" });
    const name = `Medium by title ${Date.now()}`;
    await form.getByLabel("View name").fill(name);
    await form.getByLabel("Share with everyone").check();
    await form.getByRole("button", { name: "Save" }).click();
    await expect(page.getByRole("combobox", { name: "Saved view" })).toHaveValue(/.+/);
    await expect(page.getByRole("button", { name: `Delete view “${name}”` })).toBeVisible();

    const viewerContext = await browser.newContext();
    const viewer = await viewerContext.newPage();
    await asRole("viewer", "/alerts", viewer);
    const sharedOption = viewer.locator("optgroup[label='Shared views'] option", { hasText: name });
    await expect(sharedOption).toHaveCount(1);
    await viewer
      .getByRole("combobox", { name: "Saved view" })
      .selectOption((await sharedOption.getAttribute("value"))!);
    await expect(viewer).toHaveURL(/range=90d/);
    await expect(viewer).toHaveURL(/severity=Medium/);
    await expect(viewer).toHaveURL(/sort=title/);
    await expect(viewer.locator("summary", { hasText: "Severity" })).toHaveAttribute(
      "aria-label",
      "Severity: 1 selected",
    );
    // A colleague's shared view is theirs to delete, not the viewer's.
    await expect(viewer.getByRole("button", { name: /^Delete view/ })).toHaveCount(0);
    await viewerContext.close();

    await page.getByRole("button", { name: `Delete view “${name}”` }).click();
    await expect(page.getByRole("combobox", { name: "Saved view" }).locator("option", { hasText: name })).toHaveCount(
      0,
    );
  });

  test("resolves three alerts in bulk with a classification: Defender and the audit log have it", async ({
    asRole,
    browser,
    emulator,
  }) => {
    const page = await asRole("analyst", "/alerts?status=New&range=180d&sort=title");
    await expect(rows(page).nth(2)).toBeVisible();
    const ids = (await rowIds(page)).slice(0, 3);
    for (let i = 0; i < 3; i++) await rows(page).nth(i).getByRole("checkbox").check();

    const form = page.getByRole("form", { name: "Triage 3 selected alerts" });
    await form.getByRole("combobox", { name: "Status", exact: true }).selectOption("Resolved");
    await form.getByRole("combobox", { name: "Classification", exact: true }).selectOption("FalsePositive");
    await form.getByRole("combobox", { name: "Determination", exact: true }).selectOption({ label: "Not malicious" });
    const batchesBefore = (await emulator.stats())["POST /api/alerts/batchUpdate"] ?? 0;
    const apply = form.getByRole("button", { name: "Apply to 3 selected alerts" });
    await apply.click();
    await expect(
      page.getByRole("status").filter({ hasText: "Defender accepted the change for 3 alerts." }),
    ).toBeVisible();

    // Exactly one batch call reached Defender, and its API now shows each alert resolved with the classification.
    expect((await emulator.stats())["POST /api/alerts/batchUpdate"] ?? 0).toBe(batchesBefore + 1);
    for (const id of ids) {
      await expect
        .poll(() => emulator.defender(`/api/alerts/${id}`))
        .toMatchObject({ status: "Resolved", classification: "FalsePositive", determination: "Clean" });
    }
    // They leave a view of New alerts, and the selection with them: the form counts only ticked rows.
    await expect.poll(async () => (await rowIds(page)).filter((id) => ids.includes(id))).toEqual([]);
    await expect(page.getByRole("form", { name: /^Triage/ })).toHaveCount(0);

    // The alert's own page shows the change in its history (from the audit log)…
    await page.goto(`/alerts/${encodeURIComponent(ids[0])}`);
    await expect(page.getByTestId("alert-status")).toHaveText("Resolved");
    // …as a sentence in human words (no enum, no JSON)…
    await expect(page.getByRole("table", { name: /Changes made to this alert/ })).toContainText(
      "resolved this alert as False positive — Not malicious (one bulk change of 3 alerts)",
    );
    const title = await page.getByRole("heading", { level: 1 }).textContent();

    // …and so does the audit log, read by an Admin.
    const adminContext = await browser.newContext();
    const admin = await adminContext.newPage();
    await asRole("admin", "/audit?action=alert.bulk_triage", admin);
    const audit = admin.getByRole("table", { name: /Audit events/ });
    // Targets by name (the alert's title), the id on hover.
    await expect(audit.getByTestId("audit-target").filter({ hasText: title! }).first()).toHaveAttribute(
      "title",
      `alert ${ids[0]}`,
    );
    for (const id of ids) await expect(audit.locator(`[title="alert ${id}"]`).first()).toBeVisible();
    await expect(audit).toContainText(userFor("analyst"));
    await adminContext.close();
  });

  test("a Viewer sees no triage controls and the API refuses the change", async ({ asRole }) => {
    const page = await asRole("viewer", "/alerts?range=180d");
    await expect(rows(page).first()).toBeVisible();
    await expect(page.getByRole("button", { name: "Assign to me" })).toHaveCount(0);
    await expect(page.getByRole("form", { name: /Triage/ })).toHaveCount(0);
    await expect(page.getByRole("checkbox", { name: /^Select/ })).toHaveCount(0);
    const [id] = await rowIds(page);

    await page.goto(`/alerts/${encodeURIComponent(id)}`);
    await expect(page.getByRole("heading", { name: "Evidence" })).toBeVisible();
    await expect(page.getByRole("heading", { name: "Triage" })).toHaveCount(0);

    const origin = new URL(page.url()).origin;
    const res = await page.request.patch(`/api/alerts/${encodeURIComponent(id)}`, {
      data: { status: "Resolved" },
      headers: { origin },
    });
    expect(res.status()).toBe(403);
  });

  test("an alert raised to Critical by a rule shows the rule and a breached SLA badge", async ({ asRole }) => {
    // Critical has a 15-minute clock, so the oldest open Critical alert of the generated history is overdue (the newest
    // may have been raised minutes ago by the tenant's live feed, so it is not the one to look at).
    const page = await asRole("analyst", "/alerts?priority=Critical&status=New,InProgress&range=180d&sort=age&dir=asc");
    const first = rows(page).first();
    await expect(first, "the e2e tenant should hold an open alert raised to Critical").toBeVisible();
    await expect(first.getByTestId("priority-badge")).toHaveAttribute("title", /^Raised by rule: /);
    await expect(first.getByTestId("sla-badge")).toHaveAttribute("data-sla", "breached");
    await expect(first.getByTestId("sla-badge")).toHaveText(/^Breached .+ ago$/);
    await expect(page.getByTestId("sla-breached-count")).not.toContainText(/^0 /);

    await first.getByRole("link").first().click();
    await expect(page.getByTestId("priority-rule")).toContainText(/Raised to Critical by rule “.+”/);
  });

  test("a long queue renders only the rows in view, and j moves focus to rows not yet on screen", async ({
    asRole,
  }) => {
    test.setTimeout(120_000); // 121 key presses, each re-rendering the window of rows
    const page = await asRole("viewer", "/alerts?range=180d&sort=title");
    for (let shown = 100; shown <= 250; shown += 50) {
      await page.getByRole("button", { name: "Load more" }).click();
      await expect(page.getByText(`${shown} alerts shown`)).toBeVisible();
    }
    expect(await rows(page).count()).toBeLessThan(250);
    await page.locator("h1").click(); // focus on the page, not in a field
    for (let i = 0; i < 121; i++) await page.keyboard.press("j");
    // The 121st row (aria-rowindex counts the header row) is rendered and focused.
    await expect(page.locator('tbody tr[aria-current="true"]')).toHaveAttribute("aria-rowindex", "122");
  });

  test("keyboard triage: j/k move, x selects, a assigns to me, s opens status, / searches, ? helps", async ({
    asRole,
  }) => {
    const page = await asRole("analyst", "/alerts?status=New&range=180d&sort=device");
    await expect(rows(page).nth(1)).toBeVisible();
    await page.locator("h1").click(); // focus on the page, not in a field

    await page.keyboard.press("j");
    await expect(rows(page).nth(0)).toHaveAttribute("aria-current", "true");
    await page.keyboard.press("j");
    await expect(rows(page).nth(1)).toHaveAttribute("aria-current", "true");
    await page.keyboard.press("k");
    await expect(rows(page).nth(0)).toHaveAttribute("aria-current", "true");
    const id = await rows(page).nth(0).getAttribute("data-alert-id");

    await page.keyboard.press("x");
    await expect(rows(page).nth(0).getByRole("checkbox")).toBeChecked();
    await page.keyboard.press("a");
    await expect(
      page.getByRole("status").filter({ hasText: "Defender accepted the change for 1 alert." }),
    ).toBeVisible();
    await expect(page.locator(`tr[data-alert-id="${id}"] td[data-col="assignedTo"]`)).toHaveText(userFor("analyst"));

    await page.locator("h1").click();
    await page.keyboard.press("j");
    await page.keyboard.press("s");
    const status = page.getByRole("form", { name: /Triage/ }).getByRole("combobox", { name: "Status", exact: true });
    await expect(status).toBeFocused();
    await status.selectOption("InProgress");
    await page.getByRole("button", { name: "Apply to the focused alert" }).click();
    await expect(page.getByRole("status").filter({ hasText: /Defender accepted the change/ })).toBeVisible();

    await page.locator("h1").click();
    await page.keyboard.press("/");
    await expect(page.getByRole("searchbox", { name: "Search title, device, user, id, hash or IP" })).toBeFocused();
    await page.locator("h1").click();
    await page.keyboard.press("?");
    const dialog = page.getByRole("dialog", { name: "Keyboard shortcuts" });
    await expect(dialog).toBeVisible();
    await page.keyboard.press("Escape");
    await expect(dialog).toBeHidden();
  });

  test("a bulk resolve followed by another bulk action touches only the ticked rows", async ({ asRole, emulator }) => {
    // A view that keeps resolved alerts on screen: before the fix their ticks survived the change.
    const page = await asRole("analyst", "/alerts?range=180d&sort=title&dir=desc");
    await expect(rows(page).nth(2)).toBeVisible();
    const [first, second, third] = (await rowIds(page)).slice(0, 3);
    const posted: string[][] = [];
    page.on("request", (r) => {
      if (r.method() === "POST" && r.url().endsWith("/api/alerts/bulk")) posted.push(r.postDataJSON().ids);
    });
    for (const i of [0, 1]) await rows(page).nth(i).getByRole("checkbox").check();
    const form = page.getByRole("form", { name: "Triage 2 selected alerts" });
    await form.getByRole("combobox", { name: "Status", exact: true }).selectOption("Resolved");
    await form.getByRole("button", { name: "Apply to 2 selected alerts" }).dblclick(); // B8: one request
    await expect(
      page.getByRole("status").filter({ hasText: "Defender accepted the change for 2 alerts." }),
    ).toBeVisible();
    // The selection is gone with the change, and so is the bar with its values.
    await expect(page.getByRole("checkbox", { name: /^Select .+\(/, checked: true })).toHaveCount(0);
    await expect(page.getByRole("form", { name: /^Triage/ })).toHaveCount(0);

    await page.locator(`tr[data-alert-id="${third}"]`).getByRole("checkbox").check();
    const next = page.getByRole("form", { name: "Triage 1 selected alert" });
    await expect(next.getByRole("combobox", { name: "Status", exact: true })).toHaveValue("");
    await next.getByRole("combobox", { name: "Status", exact: true }).selectOption("InProgress");
    await next.getByRole("button", { name: "Apply to 1 selected alert" }).click();
    await expect(
      page.getByRole("status").filter({ hasText: "Defender accepted the change for 1 alert." }),
    ).toBeVisible();
    expect(posted.map((ids) => [...ids].sort())).toEqual([[first, second].sort(), [third]]);
    for (const id of [first, second]) {
      expect(await emulator.defender(`/api/alerts/${id}`)).toMatchObject({ status: "Resolved" });
    }
  });

  test("at 1440×900 the default queue shows twelve ranked rows and the key columns without scrolling sideways", async ({
    asRole,
    page: fresh,
  }) => {
    await fresh.setViewportSize({ width: 1440, height: 900 });
    const page = await asRole("analyst", "/alerts");
    await expect(rows(page).nth(11)).toBeVisible();
    await expect(page.getByRole("columnheader", { name: /Priority/ })).toHaveAttribute("aria-sort", "descending");
    const fits = await page.evaluate(() => {
      const rowsInView = [...document.querySelectorAll("tbody tr[data-alert-id]")].filter(
        (tr) => tr.getBoundingClientRect().bottom <= window.innerHeight,
      ).length;
      const headers = Object.fromEntries(
        [...document.querySelectorAll("thead th")].map((th) => [
          th.textContent?.replace(/[▲▼]/g, "").trim(),
          th.getBoundingClientRect().right,
        ]),
      );
      const frame = document.querySelector("table[aria-label='Alert queue']")!.parentElement!;
      return {
        rowsInView,
        headers,
        frame: { scrollWidth: frame.scrollWidth, clientWidth: frame.clientWidth },
        page: { scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth },
      };
    });
    expect(fits.rowsInView).toBeGreaterThanOrEqual(12);
    expect(fits.frame.scrollWidth, "the table scrolls sideways").toBeLessThanOrEqual(fits.frame.clientWidth);
    expect(fits.page.scrollWidth, "the page scrolls sideways").toBeLessThanOrEqual(fits.page.innerWidth);
    for (const name of ["Priority", "Title", "Device", "Status", "Assigned to", "SLA"]) {
      expect(fits.headers[name], name).toBeLessThanOrEqual(1440);
    }
    // The first row is the most urgent open alert, worked out here from the open alerts of the same 30 days.
    const open = (
      (await (await page.request.get("/api/alerts?status=New,InProgress&sort=age&limit=200")).json()) as {
        data: AlertRow[];
      }
    ).data;
    const rank = { Critical: 4, High: 3, Medium: 2, Low: 1, Informational: 0 };
    const due = (r: AlertRow) => (r.slaDueAt ? Date.parse(r.slaDueAt) : Infinity);
    const [mostUrgent] = [...open].sort(
      (a, b) =>
        rank[b.priority] - rank[a.priority] ||
        due(a) - due(b) ||
        Date.parse(a.alertCreationTime) - Date.parse(b.alertCreationTime),
    );
    await expect(rows(page).first()).toHaveAttribute("data-alert-id", mostUrgent.id);

    // The column chooser: a column shown stays shown for this analyst on the next visit.
    await page.locator("summary", { hasText: "Columns" }).click();
    await page.getByRole("group", { name: "Columns shown" }).getByRole("checkbox", { name: "Severity" }).check();
    await page.reload();
    await expect(page.getByRole("columnheader", { name: /Severity/ })).toBeVisible();
  });

  test("keys pressed as soon as the rows show are not lost while the page hydrates", async ({ asRole }) => {
    const page = await asRole("viewer", "/");
    // The scripts arrive late, so the server's rows are on screen well before React could listen to keys.
    await page.route("**/_next/static/chunks/**", async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 800));
      await route.continue();
    });
    await page.goto("/alerts?range=180d", { waitUntil: "commit" });
    await expect(rows(page).nth(1)).toBeVisible();
    await page.keyboard.press("j");
    await page.keyboard.press("j");
    await expect(rows(page).nth(1)).toHaveAttribute("aria-current", "true");
    await page.unrouteAll({ behavior: "ignoreErrors" });
  });

  test("groups by incident in collapsible rows with counts; search as you type narrows the queue", async ({
    asRole,
  }) => {
    const page = await asRole("viewer", "/alerts?range=180d&group=incident");
    const group = page.locator("tr[data-group-key]").first();
    const toggle = group.getByRole("button");
    await expect(toggle).toHaveAttribute("aria-expanded", "false");
    const count = Number(await toggle.locator("span").last().textContent());
    await toggle.click();
    await expect(toggle).toHaveAttribute("aria-expanded", "true");
    await expect(rows(page)).toHaveCount(Math.min(count, 50));
    await toggle.click();
    await expect(rows(page)).toHaveCount(0);

    // Typing (no Enter) searches once the typing pauses: an alert id finds that alert.
    await page.goto("/alerts?range=180d");
    const [id] = await rowIds(page);
    await page.getByRole("searchbox", { name: "Search title, device, user, id, hash or IP" }).pressSequentially(id);
    await expect(page).toHaveURL(new RegExp(`q=${id}`));
    await expect.poll(() => rowIds(page)).toEqual([id]);
  });

  test("the alert page submits a double-clicked triage once and fits 1440 px with long history rows", async ({
    asRole,
    page: fresh,
  }) => {
    await fresh.setViewportSize({ width: 1440, height: 900 });
    const page = await asRole("admin", "/alerts?range=180d&sort=title");
    const [id] = await rowIds(page);
    const patches: string[] = [];
    page.on("request", (r) => {
      if (r.method() === "PATCH" && r.url().includes("/api/alerts/")) patches.push(r.url());
    });
    await page.goto(`/alerts/${encodeURIComponent(id)}`);
    const form = page.getByRole("form", { name: "Triage this alert" });
    // A comment with no spaces makes the longest history row (the audit parameters) that once widened the page.
    await form.getByRole("textbox", { name: /Comment/ }).fill(`checked-${"x".repeat(400)}`);
    await form.getByRole("button", { name: "Apply to this alert" }).dblclick();
    await expect(page.getByText("Defender accepted the change.")).toBeVisible();
    expect(patches).toHaveLength(1);
    await page.reload();
    await expect(page.getByTestId("history-row").first()).toBeVisible();
    await expect(page.getByText(/^checked-x+$/).first()).toBeVisible(); // the comment, unbroken
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1440);
  });
});
