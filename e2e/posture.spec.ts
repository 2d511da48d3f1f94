import { readFileSync } from "node:fs";
import { expect, test } from "./fixtures";

// Deployment posture against the simulated tenant (its planted imperfections synced by the demo's first sync): a
// Manager reads the summary, follows "Not onboarded" to the filtered inventory and exports it, asks the ASR advisor
// (hits read through advanced hunting on demand) and prints the checklist. The Plan 1 explanation of hunting is
// covered by lib/posture/posture.int.test.ts and components/posture/plan-notice.test.ts: both e2e tenants are Plan 2.

test("a Manager follows the posture to the devices, the ASR advisor and the printed checklist", async ({ asRole }) => {
  const page = await asRole("manager", "/posture");
  await expect(page.getByRole("heading", { level: 1, name: "Deployment posture" })).toBeVisible();
  const notOnboarded = Number(await page.getByTestId("posture-enrolledNotOnboarded").textContent());
  expect(notOnboarded).toBeGreaterThan(0);

  await page.getByRole("link", { name: /^Not onboarded/ }).click();
  await expect(page).toHaveURL(/\/devices\?posture=enrolledNotOnboarded/);
  await expect(page.getByTestId("device-total")).toHaveText(
    `${notOnboarded} device${notOnboarded === 1 ? "" : "s"} match`,
  );
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: /Export CSV/ }).click(),
  ]);
  const csv = readFileSync((await download.path())!, "utf8")
    .trim()
    .split("\r\n");
  expect(csv).toHaveLength(notOnboarded + 1);

  await page.goto("/posture#advisor");
  const advisor = page.getByRole("region", { name: "Audit→Block advisor" });
  await advisor.getByRole("button", { name: "Refresh hits" }).click();
  const obfuscated = advisor.getByTestId("advice-5beb7efe-fd9a-4556-801d-275e5ffc04cc");
  await expect(obfuscated.getByText("Not safe to block")).toBeVisible();
  await expect(obfuscated.getByText(/PayrollSync\.ps1/).first()).toBeVisible();
  await expect(advisor.getByText(/Hits read from advanced hunting/)).toBeVisible();

  await page.getByRole("link", { name: "Printable report" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Defender deployment report" })).toBeVisible();
  await page.emulateMedia({ media: "print" });
  await expect(page.getByRole("button", { name: "Print" })).toBeHidden();
  await expect(page.getByRole("banner")).toBeHidden();
  const checklist = page.getByTestId("posture-checklist");
  await expect(checklist.locator("tbody tr")).toHaveCount(18);
  await expect(checklist.getByText("Cannot tell from the API").first()).toBeVisible();
});
