import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { availableTestDatabases, createTestDatabase, type TestDatabase } from "../db/testing";
import { getDatabase } from "../db";
import { callRoute, sessionCookieFor, TEST_ORIGIN } from "../auth/testing";
import { tenantScope } from "../cache/tenant";
import { PATCH as taskRoute } from "@/app/api/incidents/[id]/runbook/tasks/[taskId]/route";
import { listIncidents } from "../incidents";
import { IncidentQuery } from "../incidents/schemas";
import { attachRunbooks, getIncidentRunbook } from "./index";
import type { RunbookTaskView } from "./schemas";

// Runbooks on both databases (the attachment is one INSERT … SELECT over JSON): a matching incident gets its
// template's tasks in order, once; a non-matching one gets none; a ticked task is audited and counted in the list.

const kinds = await availableTestDatabases();
const T0 = new Date("2026-12-01T10:00:00Z");

describe.each(kinds)("runbooks on %s", (kind) => {
  let database: TestDatabase;
  let analyst: string;

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    getDatabase.replaceForTests(database);
    analyst = await sessionCookieFor("Analyst", "ana");
    const incident = (id: number, category: string, severity: string) =>
      database.prisma.incident
        .create({
          data: {
            ...tenantScope(),
            id: BigInt(id),
            name: `Incident ${id}`,
            status: "Active",
            severity,
            createdTime: T0,
            lastUpdateTime: T0,
          },
        })
        .then(() =>
          database.prisma.alert.create({
            data: {
              ...tenantScope(),
              id: `da-${id}`,
              incidentId: BigInt(id),
              title: `${category} alert`,
              severity,
              status: "New",
              category,
              detectionSource: "WindowsDefenderAv",
              alertCreationTime: T0,
              lastUpdateTime: T0,
              priority: severity,
            },
          }),
        );
    await incident(101, "Ransomware", "High");
    await incident(102, "Malware", "Medium"); // the malware runbook starts at High
  });
  afterAll(async () => {
    await database?.close();
  });

  it("attaches the matching template's tasks once, in order, and counts ticked ones in the list", async () => {
    expect(await attachRunbooks()).toBe(5);
    expect(await attachRunbooks()).toBe(0);
    const runbook = await getIncidentRunbook("101");
    expect(runbook).toMatchObject({ name: "Ransomware", done: 0, total: 5 });
    expect(runbook!.tasks.map((t) => t.kind)).toEqual(["isolate", "collect", "indicator", "manual", "manual"]);
    expect(await getIncidentRunbook("102")).toBeNull();

    const patch = (body: unknown) =>
      callRoute(taskRoute, {
        method: "PATCH",
        params: { id: "101", taskId: runbook!.tasks[3].id },
        headers: { cookie: analyst, origin: TEST_ORIGIN },
        body,
      });
    const res = await patch({ done: true, assignee: "ana@contoso.example", comment: "reset via Entra" });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { data: RunbookTaskView }).data).toMatchObject({
      done: true,
      doneBy: "ana@contoso.example",
      assignee: "ana@contoso.example",
      comment: "reset via Entra",
    });
    const audit = await database.prisma.auditEvent.findFirstOrThrow({ where: { action: "runbook.task.update" } });
    expect(audit).toMatchObject({ targetId: "101", result: "success" });
    expect(audit.params).toMatchObject({ done: true, title: "Reset the user's credentials" });

    const actor = {
      type: "user" as const,
      id: "x",
      name: "ana@contoso.example",
      roles: ["Analyst" as const],
      permissions: new Set<never>(),
    };
    const list = await listIncidents(actor, IncidentQuery.parse({}), { limit: 10 });
    const rows = Object.fromEntries(list.data.map((i) => [i.id, i.runbook]));
    expect(rows).toEqual({ "101": { done: 1, total: 5 }, "102": null });
  });
});
