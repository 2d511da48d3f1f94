import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { availableTestDatabases, createTestDatabase, type TestDatabase } from "../db/testing";
import { getDatabase } from "../db";
import { auditEventsCsv, listAuditEvents } from "./queries";
import { readTargetHistory } from "./history";

// The audit log read back for people: targets by name (ids kept), acts as sentences.

const kinds = await availableTestDatabases();

describe.each(kinds)("audit log in words on %s", (kind) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(kind);
    getDatabase.replaceForTests(database);
    const at = new Date();
    await database.prisma.alert.create({
      data: {
        id: "da-names_1",
        title: "Ransomware behaviour detected",
        severity: "High",
        status: "New",
        priority: "High",
        alertCreationTime: at,
        lastUpdateTime: at,
      },
    });
    await database.prisma.device.create({ data: { id: "dev-names-1", name: "fin-lt-0004", platform: "Windows" } });
    await database.prisma.user.create({
      data: { id: "oid-ana", upn: "ana@contoso.example", name: "Ana Analyst", roles: ["Analyst"] },
    });
    const row = { actorType: "user", actorId: "oid-ana", actorName: "ana@contoso.example" };
    await database.prisma.auditEvent.createMany({
      data: [
        {
          ...row,
          action: "alert.triage.intent",
          targetType: "alert",
          targetId: "da-names_1",
          params: { status: "Resolved" },
          result: "pending",
          requestId: "req-1",
        },
        {
          ...row,
          action: "alert.triage",
          targetType: "alert",
          targetId: "da-names_1",
          params: { status: "Resolved", classification: "FalsePositive", determination: "NotMalicious" },
          result: "success",
          requestId: "req-1",
        },
        {
          ...row,
          action: "action.request",
          targetType: "device",
          targetId: "dev-names-1",
          params: { type: "Isolate", scope: "Full", comment: "ransomware" },
          result: "success",
          requestId: "req-2",
        },
        { ...row, action: "alert.triage", targetType: "alert", targetId: "da-gone_9", params: {}, result: "success" },
      ],
    });
  });
  afterAll(async () => database?.close());

  it("shows each target by its name and keeps the id; a target no longer cached keeps its id", async () => {
    const { data } = await listAuditEvents({}, { limit: 10 });
    const byTarget = new Map(data.map((e) => [`${e.action} ${e.targetId}`, e]));
    expect(byTarget.get("alert.triage da-names_1")).toMatchObject({
      targetId: "da-names_1",
      targetName: "Ransomware behaviour detected",
      summary: "resolved the alert as False positive — Not malicious",
    });
    expect(byTarget.get("action.request dev-names-1")).toMatchObject({
      targetName: "fin-lt-0004",
      summary: "requested Isolate (Full) on the device: “ransomware”",
    });
    expect(byTarget.get("alert.triage da-gone_9")).toMatchObject({
      targetName: null,
      summary: "changed the alert",
    });

    let csv = "";
    for await (const chunk of auditEventsCsv({})) csv += chunk;
    expect(csv.split("\n")[0]).toMatch(/"targetName","summary"\r?$/);
    expect(csv).toContain("Ransomware behaviour detected");
  });

  it("tells an alert's history as sentences naming the person, without the intent its outcome settled", async () => {
    const { history } = await readTargetHistory(
      { type: "alert", id: "da-names_1" },
      { subject: "this alert", auditDetails: false },
    );
    expect(history.map((h) => h.summary)).toEqual([
      "Ana Analyst resolved this alert as False positive — Not malicious",
    ]);
    expect(history[0].params).toBeNull();
  });
});
