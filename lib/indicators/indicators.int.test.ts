import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { availableTestDatabases, createTestDatabase, type TestDatabase } from "../db/testing";
import { getDatabase } from "../db";
import { callRoute, sessionCookieFor, TEST_ORIGIN } from "../auth/testing";
import { startTestTenant, type TestTenant } from "../sync/testing";
import { runSync } from "../sync/engine";
import { tenantScope } from "../cache/tenant";
import { POST as importRoute } from "@/app/api/indicators/import/route";
import { DELETE as deleteRoute } from "@/app/api/indicators/[id]/route";
import { defenderIndicatorWriter, indicatorWriter } from "./index";
import type { ImportReport } from "./schemas";

// The CSV import against the simulated tenant: 600 rows go to Defender in two calls (500 + the rest), each row
// gets its own result, the accepted ones are written through with one audit row per call; an Admin deletes one.

const kinds = await availableTestDatabases();

const hash = (i: number) => `f${i.toString(16).padStart(63, "0")}`;

describe.each(kinds)("indicator import on %s", (kind) => {
  let tenant: TestTenant;
  let database: TestDatabase;
  let responder: string;
  let admin: string;

  beforeAll(async () => {
    tenant = await startTestTenant({ seed: `indicators-${kind}`, devices: 2, alerts: 1, vulnsPerDevice: 1 });
    indicatorWriter.replaceForTests(defenderIndicatorWriter(tenant.defenderClient()));
    database = await createTestDatabase(kind);
    getDatabase.replaceForTests(database);
    [responder, admin] = await Promise.all([sessionCookieFor("Responder", "resp"), sessionCookieFor("Admin", "adm")]);
  });
  afterAll(async () => {
    indicatorWriter.replaceForTests(undefined);
    await database?.close();
    await tenant?.close();
  });

  it("splits 600 rows into two import calls and reports every row", async () => {
    const lines = ["indicatorType,indicatorValue,action,title,description,severity"];
    for (let i = 0; i < 600; i++) {
      // Line 302 (the 301st row) carries a hash of the wrong length: reported as invalid, not sent.
      const value = i === 300 ? "abc123" : hash(i);
      lines.push(`FileSha256,${value},Block,"Row ${i}, bulk","Imported by the test",High`);
    }
    const res = await callRoute(importRoute, {
      method: "POST",
      path: "/api/indicators/import",
      headers: { cookie: responder, origin: TEST_ORIGIN },
      body: { csv: lines.join("\r\n") },
    });
    expect(res.status).toBe(200);
    const { data } = (await res.json()) as { data: ImportReport };
    expect(data.rows).toHaveLength(600);
    expect(data.calls).toBe(2);
    expect(data.imported).toBe(599);
    expect(data.rows.find((r) => r.line === 302)).toMatchObject({ outcome: "invalid", indicatorValue: "abc123" });
    expect(data.rows.find((r) => r.line === 2)).toMatchObject({ outcome: "imported", id: expect.any(String) });
    const stats = (await tenant.control("stats")) as { byRoute: Record<string, number> };
    expect(stats.byRoute["POST /api/indicators/import"]).toBe(2);

    expect(await database.prisma.indicator.count({ where: tenantScope() })).toBe(599);
    const audit = await database.prisma.auditEvent.findMany({
      where: { action: "indicator.import", result: "success" },
      orderBy: { id: "asc" },
    });
    expect(audit.map((a) => (a.params as { rows: number }).rows)).toEqual([500, 99]);

    // The sync's complete pass reads them back from Defender and keeps the person who imported them as creator.
    const [pass] = await runSync({
      db: database.prisma,
      sources: tenant.sources(),
      entities: ["indicators"],
      full: true,
    });
    expect(pass).toMatchObject({ status: "ok" });
    const first = await database.prisma.indicator.findFirstOrThrow({
      where: { ...tenantScope(), indicatorValue: hash(0) },
    });
    expect(first.createdBy).toBe("resp@contoso.example");
  });

  it("lets an Admin delete an indicator in Defender and the cache, audited", async () => {
    const one = await database.prisma.indicator.findFirstOrThrow({ where: tenantScope() });
    const res = await callRoute(deleteRoute, {
      method: "DELETE",
      path: `/api/indicators/${one.id}`,
      params: { id: one.id },
      headers: { cookie: admin, origin: TEST_ORIGIN },
    });
    expect(res.status).toBe(200);
    expect(await database.prisma.indicator.count({ where: { ...tenantScope(), id: one.id } })).toBe(0);
    const remaining = await tenant.raw(`/api/indicators?$filter=indicatorValue eq '${one.indicatorValue}'`);
    expect(remaining.value).toHaveLength(0);
    expect(
      await database.prisma.auditEvent.count({
        where: { action: "indicator.delete", result: "success", targetId: one.id },
      }),
    ).toBe(1);
  });
});
