import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../db/testing";
import { getDatabase } from "../db";
import { callRoute, sessionCookieFor, TEST_ORIGIN } from "../auth/testing";
import { startTestTenant, type TestTenant } from "../sync/testing";
import { runSync } from "../sync/engine";
import { tenantScope } from "../cache/tenant";
import { POST as startRoute } from "@/app/api/devices/[id]/investigations/route";
import { GET as listRoute } from "@/app/api/investigations/route";
import { defenderInvestigationWriter, investigationWriter } from "./index";
import type { InvestigationPage, InvestigationView } from "./schemas";

// Automated investigations against the simulated tenant: the sync fills the cache, the pending-approval queue
// carries its deadline, and an Analyst starts one on a device — audited (intent, then outcome with the write-through)
// — until Defender's hourly limit answers 429, which reaches the person as a clear error. Not DB-sensitive: PGlite.

describe("automated investigations", () => {
  let tenant: TestTenant;
  let database: TestDatabase;
  let analyst: string;
  let deviceId: string;

  beforeAll(async () => {
    tenant = await startTestTenant({ seed: "investigations", devices: 6, alerts: 40, vulnsPerDevice: 1 });
    investigationWriter.replaceForTests(defenderInvestigationWriter(tenant.defenderClient()));
    database = await createTestDatabase("pglite");
    getDatabase.replaceForTests(database);
    analyst = await sessionCookieFor("Analyst", "ana");
    const summaries = await runSync({
      db: database.prisma,
      sources: tenant.sources(),
      entities: ["machines", "alerts", "investigations"],
      full: true,
    });
    expect(summaries.filter((s) => s.status !== "ok")).toEqual([]);
    const machine = (await tenant.raw("/api/machines")).value.find((m) => String(m.osPlatform).startsWith("Windows1"));
    deviceId = (
      await database.prisma.device.findFirstOrThrow({ where: { ...tenantScope(), mdeMachineId: String(machine!.id) } })
    ).id;
  });
  afterAll(async () => {
    investigationWriter.replaceForTests(undefined);
    await database?.close();
    await tenant?.close();
  });

  it("syncs every investigation and lists the pending approvals with their deadline", async () => {
    const raw = await tenant.raw("/api/investigations");
    expect(await database.prisma.investigation.count({ where: tenantScope() })).toBe(raw.value.length);
    const res = await callRoute(listRoute, {
      path: "/api/investigations?view=pending",
      headers: { cookie: analyst, origin: TEST_ORIGIN },
    });
    expect(res.status).toBe(200);
    const page = (await res.json()) as InvestigationPage;
    const pending = raw.value.filter((i) => i.state === "PendingApproval");
    expect(page.data).toHaveLength(Math.min(pending.length, 50));
    for (const row of page.data) {
      expect(row.expiry?.expiresAt).toBe(new Date(Date.parse(row.startTime!) + 7 * 86_400_000).toISOString());
      expect(row.waitingFor).toMatch(/Approval/);
    }
  });

  it("starts an investigation on a device, audited, and refuses clearly past the hourly limit", async () => {
    const start = () =>
      callRoute(startRoute, {
        method: "POST",
        path: `/api/devices/${deviceId}/investigations`,
        params: { id: deviceId },
        headers: { cookie: analyst, origin: TEST_ORIGIN },
        body: { comment: "Suspicious PowerShell on this host" },
      });
    const res = await start();
    expect(res.status).toBe(201);
    const { data } = (await res.json()) as { data: InvestigationView };
    expect(data).toMatchObject({ state: "Queued", deviceId, startedBy: "ana@contoso.example" });
    const cached = await database.prisma.investigation.findFirstOrThrow({ where: { ...tenantScope(), id: data.id } });
    expect(cached.startedBy).toBe("ana@contoso.example");
    const audit = await database.prisma.auditEvent.findMany({
      where: { action: { startsWith: "investigation.start" }, targetId: deviceId },
      orderBy: { id: "asc" },
    });
    expect(audit.map((a) => [a.action, a.result])).toEqual([
      ["investigation.start.intent", "pending"],
      ["investigation.start", "success"],
    ]);
    expect(audit[1]!.params).toMatchObject({ investigationId: data.id, comment: "Suspicious PowerShell on this host" });

    // Defender's 50 an hour, made 1 here so that the next start meets it.
    await tenant.control("faults", { rateLimit: { perHour: 1, perMinute: 1 } });
    try {
      let refused: Response | null = null;
      for (let i = 0; i < 3 && !refused; i++) {
        const again = await start();
        if (again.status !== 201) refused = again;
      }
      expect(refused?.status).toBe(503);
      expect(refused?.headers.get("retry-after")).toBeTruthy();
      expect((await refused!.json()).error.message).toMatch(/50 investigations to be started per hour/);
    } finally {
      await tenant.control("faults", {});
    }
    expect(
      await database.prisma.auditEvent.count({ where: { action: "investigation.start", result: "failure" } }),
    ).toBeGreaterThanOrEqual(1);
  });
});
