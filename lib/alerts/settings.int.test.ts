import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { availableTestDatabases, createTestDatabase, type TestDatabase } from "../db/testing";
import { getDatabase } from "../db";
import { callRoute, sessionCookieFor, TEST_ORIGIN } from "../auth/testing";
import { GET as getSettings, PUT as putSettings } from "@/app/api/settings/triage/route";
import { DEFAULT_PRIORITY_RULES, DEFAULT_SLA_MINUTES } from "../cache/alert-priority";

const kinds = await availableTestDatabases();

describe.each(kinds)("priority rules and SLA clocks on %s", (kind) => {
  let database: TestDatabase;
  let admin: string;
  const created = new Date("2026-11-26T10:00:00Z");

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    getDatabase.replaceForTests(database);
    admin = await sessionCookieFor("Admin", "ada");
    await database.prisma.alert.createMany({
      data: [
        {
          id: "r1",
          title: "Ransomware behaviour",
          severity: "High",
          category: "Ransomware",
          status: "New",
          priority: "Critical",
          priorityRule: "High-severity ransomware",
          slaDueAt: new Date(created.getTime() + 15 * 60_000),
          alertCreationTime: created,
          lastUpdateTime: created,
        },
        {
          id: "r2",
          title: "PowerShell",
          severity: "Medium",
          category: "Execution",
          status: "New",
          priority: "Medium",
          slaDueAt: new Date(created.getTime() + 480 * 60_000),
          alertCreationTime: created,
          lastUpdateTime: created,
        },
      ],
    });
  });
  afterAll(async () => {
    await database?.close();
  });

  const put = (body: unknown) =>
    callRoute(putSettings, { method: "PUT", headers: { cookie: admin, origin: TEST_ORIGIN }, body });

  it("serves the defaults until an Admin saves", async () => {
    const res = await callRoute(getSettings, { headers: { cookie: admin } });
    expect(await res.json()).toEqual({ rules: DEFAULT_PRIORITY_RULES, sla: DEFAULT_SLA_MINUTES });
  });

  it("a dry run says how many alerts a change would touch, and changes nothing", async () => {
    const rules = [
      { id: "powershell", name: "PowerShell is critical here", when: { text: "powershell" }, raiseTo: "Critical" },
    ];
    const res = await callRoute(putSettings, {
      method: "PUT",
      path: "/api/settings/triage?dryRun=1",
      headers: { cookie: admin, origin: TEST_ORIGIN },
      body: { rules, sla: { ...DEFAULT_SLA_MINUTES, Critical: 30, High: 120 } },
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ rederived: 2, dryRun: true });
    expect((await database.prisma.alert.findUniqueOrThrow({ where: { id: "r2" } })).priority).toBe("Medium");
    expect(await database.prisma.setting.count()).toBe(0);
    expect(await database.prisma.auditEvent.count({ where: { action: "settings.triage" } })).toBe(0);
  });

  it("saves, re-derives cached alerts in the same transaction and audits", async () => {
    const rules = [
      { id: "powershell", name: "PowerShell is critical here", when: { text: "powershell" }, raiseTo: "Critical" },
    ];
    const res = await put({ rules, sla: { ...DEFAULT_SLA_MINUTES, Critical: 30, High: 120 } });
    expect(res.status).toBe(200);
    expect((await res.json()).rederived).toBe(2);
    expect(await database.prisma.alert.findUniqueOrThrow({ where: { id: "r1" } })).toMatchObject({
      priority: "High",
      priorityRule: null,
      slaDueAt: new Date(created.getTime() + 120 * 60_000),
    });
    expect(await database.prisma.alert.findUniqueOrThrow({ where: { id: "r2" } })).toMatchObject({
      priority: "Critical",
      priorityRule: "PowerShell is critical here",
      slaDueAt: new Date(created.getTime() + 30 * 60_000),
    });
    expect(await database.prisma.auditEvent.count({ where: { action: "settings.triage", result: "success" } })).toBe(1);
    expect((await (await callRoute(getSettings, { headers: { cookie: admin } })).json()).rules).toEqual(rules);
  });

  it("refuses a malformed rule with 400 naming it, changing nothing", async () => {
    const res = await put({
      rules: [{ id: "x", name: "bad", when: { mitreTechniques: ["lateral"] }, raiseTo: "Critical" }],
      sla: DEFAULT_SLA_MINUTES,
    });
    expect(res.status).toBe(400);
    expect((await res.json()).error.issues[0].path).toMatch(/^rules\.0\.when\.mitreTechniques/);
    expect((await database.prisma.alert.findUniqueOrThrow({ where: { id: "r2" } })).priority).toBe("Critical");
  });
});
