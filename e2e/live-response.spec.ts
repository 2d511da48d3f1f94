import { expect, test } from "./fixtures";

// Issue #18: a Responder runs a library script on a device through live response and reads its output on the
// device page, then works an incident's runbook (ticks tasks; progress shows in the incident list).

interface DeviceRow {
  id: string;
  name: string;
  rbacGroupName: string | null;
  isolationState: string;
}

test.describe("live response and runbooks", () => {
  test("a Responder runs a library script and reads its output, then ticks runbook tasks on an incident", async ({
    asRole,
  }) => {
    const page = await asRole("responder", "/");
    // An online Windows device in a group with an automation level (Defender refuses live response elsewhere).
    const devices = (await (
      await page.request.get("/api/devices?platform=windows&health=Active&sort=name&dir=desc&limit=50")
    ).json()) as { data: DeviceRow[] };
    const device = devices.data.find((d) => d.rbacGroupName !== "Servers - Development")!;
    expect(device, "an online Windows device with automation").toBeTruthy();

    await page.goto(`/devices/${device.id}`);
    const section = page.locator("section", { has: page.getByRole("heading", { name: "Live response" }) });
    await section.getByRole("combobox", { name: "Script" }).selectOption("Get-ProcessList.ps1");
    await section.getByRole("textbox", { name: "Reason" }).fill("triage: list processes");
    await section.getByRole("button", { name: "Run script" }).click();
    const session = section.getByTestId("live-response-session").first();
    await expect(session.getByTestId("live-response-status")).toHaveText(/Pending|In progress|Succeeded/);
    // Followed live until Defender reports it ended and the console stored its output.
    const output = session.getByLabel("Output of command 1");
    await expect(output).toContainText("ProcessName", { timeout: 20_000 });
    await expect(output).toContainText("MsSense");
    await expect(session.getByTestId("live-response-status")).toHaveText("Succeeded");

    // An incident the sync attached a runbook to.
    const incidents = (await (await page.request.get("/api/incidents?status=Active&limit=200")).json()) as {
      data: { id: string; runbook: { done: number; total: number } | null }[];
    };
    const incident = incidents.data.find((i) => i.runbook && i.runbook.done === 0)!;
    expect(incident, "an active incident with a runbook").toBeTruthy();
    const total = incident.runbook!.total;
    await page.goto(`/incidents/${incident.id}`);
    const runbook = page.locator("section", { has: page.getByRole("heading", { name: "Runbook" }) });
    await expect(runbook.getByTestId("runbook-progress")).toContainText(`0/${total} done`);
    const tasks = runbook.getByTestId("runbook-task");
    await tasks.nth(0).getByRole("checkbox").click();
    await expect(runbook.getByTestId("runbook-progress")).toContainText(`1/${total} done`);
    await expect(tasks.nth(0).getByRole("checkbox")).toBeChecked();
    await tasks.nth(1).getByRole("checkbox").click();
    await expect(runbook.getByTestId("runbook-progress")).toContainText(`2/${total} done`);
    await expect(tasks.nth(1)).toContainText("Done by");
    // Kept, and counted in the incident list.
    await page.reload();
    await expect(runbook.getByTestId("runbook-progress")).toContainText(`2/${total} done`);
    await expect
      .poll(async () => {
        const list = (await (
          await page.request.get("/api/incidents?status=Active&limit=200")
        ).json()) as typeof incidents;
        return list.data.find((i) => i.id === incident.id)?.runbook;
      })
      .toEqual({ done: 2, total });

    // A Viewer (this page signed in again) may not list the library, let alone run anything.
    const viewer = await asRole("viewer", "/");
    expect((await viewer.request.get("/api/live-response/library")).status()).toBe(403);

    // An Admin manages the library; a Manager edits the runbook templates.
    await asRole("admin", "/live-response/library");
    await expect(page.getByRole("cell", { name: "Get-ProcessList.ps1" })).toBeVisible();
    await asRole("manager", "/runbooks");
    await expect(page.getByRole("form", { name: "Ransomware" })).toBeVisible();
  });
});
