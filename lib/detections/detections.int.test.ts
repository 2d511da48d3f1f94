import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as listRoute, POST as createRoute } from "@/app/api/detections/route";
import { DELETE as deleteRoute, PATCH as patchRoute } from "@/app/api/detections/[id]/route";
import { POST as dryRunRoute } from "@/app/api/detections/dry-run/route";
import { POST as saveQueryRoute } from "@/app/api/hunting/queries/route";
import { GET as alertsRoute } from "@/app/api/alerts/route";
import { callRoute, sessionCookieFor, TEST_ORIGIN } from "../auth/testing";
import { getDatabase } from "../db";
import { createTestDatabase, type TestDatabase } from "../db/testing";
import { tenantFor } from "../defender/testing";
import { createAppTokenProvider } from "../entra/app-token";
import { createGraphClient, listDetectionRules as graphRules } from "../graph";
import { huntingGraph } from "../hunting";
import { runSync } from "../sync/engine";
import { startTestTenant, type TestTenant } from "../sync/testing";
import { detectionsGraph } from "./index";
import type { DetectionRuleRow, DryRunResult } from "./schemas";

// A saved hunting query becomes a custom detection rule through the console's routes, against the emulated tenant:
// the rule is in Graph's list, the emulator's first run raises its alerts, a sync brings them into the queue linked
// to the rule, and a query lacking ReportId is refused (400) with the column named before Graph is asked. The
// cache and queries are plain Prisma and SQL the other suites run on both databases, so PGlite alone.

let tenant: TestTenant;
let database: TestDatabase;
let analyst: string;
let admin: string;

beforeAll(async () => {
  tenant = await startTestTenant({ seed: "detections-console", devices: 12, alerts: 10, vulnsPerDevice: 1 });
  database = await createTestDatabase("pglite");
  getDatabase.replaceForTests(database);
  const graph = createGraphClient({
    baseUrl: tenant.emulator.graphUrl,
    tokens: createAppTokenProvider({
      tenant: tenantFor(tenant.emulator),
      networkClient: tenant.transport.msalNetworkClient,
    }),
    fetch: tenant.transport.fetch,
    maxRetries: 0,
  });
  detectionsGraph.replaceForTests(graph);
  huntingGraph.replaceForTests(graph);
  analyst = await sessionCookieFor("Analyst", "ana");
  admin = await sessionCookieFor("Admin", "adam");
}, 120_000);
afterAll(async () => {
  detectionsGraph.replaceForTests(undefined);
  huntingGraph.replaceForTests(undefined);
  await database?.close();
  await tenant?.close();
});

const send = (handler: typeof createRoute, method: string, cookie: string, body?: unknown, id?: string) =>
  callRoute(handler, { method, headers: { cookie, origin: TEST_ORIGIN }, body, params: id ? { id } : undefined });

async function saveQuery(name: string, query: string): Promise<string> {
  const res = await send(saveQueryRoute, "POST", analyst, { name, query });
  expect(res.status).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

const form = (savedQueryId: string, displayName: string) => ({
  savedQueryId,
  displayName,
  period: "1H",
  enabled: true,
  title: "PowerShell on {{DeviceName}}",
  severity: "high",
  category: "Execution",
  techniques: ["T1059.001"],
  entityMappings: { hosts: { deviceIdColumn: "DeviceId", nameColumn: "DeviceName" } },
});

// One row per device (the aggregation keeps Timestamp and ReportId, as "Required columns in the query results" allows).
const QUERY =
  'DeviceProcessEvents | where FileName =~ "powershell.exe" | summarize arg_max(Timestamp, ReportId, DeviceName) by DeviceId';

describe("custom detection rules from the console", () => {
  it("creates a rule in Graph from a saved query; the emulator's alerts arrive linked to it after a sync", async () => {
    const savedId = await saveQuery("PowerShell anywhere", QUERY);

    const dry = await send(dryRunRoute, "POST", analyst, {
      savedQueryId: savedId,
      title: "PowerShell on {{DeviceName}}",
      severity: "high",
      entityMappings: { hosts: { deviceIdColumn: "DeviceId", nameColumn: "DeviceName" } },
    });
    expect(dry.status, JSON.stringify(await dry.clone().json())).toBe(200);
    const preview = (await dry.json()) as DryRunResult;
    expect(preview.alerts.length).toBeGreaterThan(0);
    expect(preview.alerts.length).toBeLessThanOrEqual(150);
    expect(preview.alerts[0]!.title).toMatch(/^PowerShell on \S+/);
    expect(preview.alerts[0]!.entities.map((e) => e.type)).toContain("Device id");

    const res = await send(createRoute, "POST", analyst, form(savedId, "PowerShell launched"));
    expect(res.status).toBe(201);
    const rule = (await res.json()) as DetectionRuleRow;
    expect(rule).toMatchObject({ displayName: "PowerShell launched", status: "enabled", frequency: "PT1H" });
    expect(rule.savedQueryId).toBe(savedId);
    expect(rule.detectorId).toBeTruthy();
    expect((await graphRules(detectionsGraph())).map((r) => r.id)).toContain(rule.id);
    const audit = await database.prisma.auditEvent.findMany({ where: { targetId: rule.id } });
    expect(audit.map((a) => `${a.action}:${a.result}`).sort()).toEqual([
      "detection.rule.create.intent:pending",
      "detection.rule.create:success",
    ]);

    // The emulator ran the new rule over the last 30 days when it was created; a sync brings its alerts.
    const summaries = await runSync({
      db: database.prisma,
      sources: tenant.sources(),
      entities: ["alerts", "detectionRules"],
      full: true,
    });
    expect(summaries.filter((s) => s.status !== "ok")).toEqual([]);
    const queue = await callRoute(alertsRoute, {
      path: `/api/alerts?detector=${encodeURIComponent(rule.detectorId!)}&range=180d&limit=200`,
      headers: { cookie: analyst },
    });
    expect(queue.status).toBe(200);
    const alerts = (await queue.json()).data as { title: string; detectionSource: string }[];
    expect(alerts.length).toBeGreaterThan(0);
    expect(alerts.every((a) => a.title.startsWith("PowerShell on "))).toBe(true);
    const listed = (
      (await (await callRoute(listRoute, { headers: { cookie: analyst } })).json()) as {
        data: DetectionRuleRow[];
      }
    ).data.find((r) => r.id === rule.id)!;
    expect(listed.alerts.count).toBe(alerts.length);
    expect(listed.lastRun).toMatchObject({ status: "completed", error: null });

    // Disable, then only an Admin deletes.
    const off = await send(patchRoute, "PATCH", analyst, { enabled: false }, rule.id);
    expect(((await off.json()) as DetectionRuleRow).status).toBe("disabled");
    expect((await send(deleteRoute, "DELETE", analyst, undefined, rule.id)).status).toBe(403);
    expect((await send(deleteRoute, "DELETE", admin, undefined, rule.id)).status).toBe(200);
    expect((await graphRules(detectionsGraph())).map((r) => r.id)).not.toContain(rule.id);
  });

  it("refuses a query lacking ReportId with the column named, before Graph is asked", async () => {
    const savedId = await saveQuery("No ReportId", "DeviceProcessEvents | project Timestamp, DeviceId, DeviceName");
    const before = (await graphRules(detectionsGraph())).length;
    const res = await send(createRoute, "POST", analyst, form(savedId, "Lacks ReportId"));
    expect(res.status).toBe(400);
    const { error } = await res.json();
    expect(error.message).toContain("ReportId");
    expect(error.message).toContain("DeviceProcessEvents must return Timestamp, DeviceId and ReportId");
    expect((await graphRules(detectionsGraph())).length).toBe(before);
  });
});
