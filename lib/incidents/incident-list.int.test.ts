import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { availableTestDatabases, createTestDatabase, type TestDatabase, ofTenant } from "../db/testing";
import { tenantKey } from "../cache/tenant";
import { getDatabase } from "../db";
import { callRoute, sessionCookieFor, TEST_ORIGIN } from "../auth/testing";
import { rateLimitWindows } from "../auth/rate-limit";
import { resetBudgetsForTests } from "../budgets";
import { deriveIncidentFigures } from "../cache/derivations";
import { ProviderError } from "../defender";
import { GET as listRoute } from "@/app/api/incidents/route";
import { POST as bulkRoute } from "@/app/api/incidents/bulk/route";
import { GET as slaRoute } from "@/app/api/incidents/sla/route";
import { incidentWriter, type DefenderIncident, type DefenderIncidentPatch, type IncidentWriter } from "./writer";

// Issue #14 item 5: the incident list ranks open incidents by the priority of their alerts and the time left on
// their SLA, filters on both, and takes one change for many incidents through Defender XDR's per-incident update.

const kinds = await availableTestDatabases();

// The list reads the clock: the deadlines are set around the time the test runs.
const NOW = Math.floor(Date.now() / 1000) * 1000;
const at = (minutes: number) => new Date(NOW + minutes * 60_000);

describe.each(kinds)("incident list on %s", (kind) => {
  let database: TestDatabase;
  let analyst: string;
  const calls: { id: string; patch: DefenderIncidentPatch }[] = [];
  const refuse = new Set<string>();
  const writer: IncidentWriter = {
    async updateIncident(id, patch) {
      calls.push({ id, patch });
      if (refuse.has(id))
        throw new ProviderError({ provider: "xdr", status: 400, code: "BadRequest", message: "Invalid status" });
      return {
        incidentId: Number(id),
        incidentName: `Incident ${id}`,
        status: patch.status ?? "Active",
        severity: "Medium",
        createdTime: "2026-11-26T08:00:00Z",
        lastUpdateTime: "2026-11-26T12:30:00Z",
        assignedTo: patch.assignedTo ?? null,
        comments: [],
        tags: [],
        // XDR cascades the incident's status to its alerts.
        alerts: [
          {
            alertId: `a${id}`,
            status: patch.status === "Resolved" ? "Resolved" : "New",
            mitreTechniques: [],
            devices: [],
            entities: [],
          },
        ],
      } as unknown as DefenderIncident;
    },
  };

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    getDatabase.replaceForTests(database);
    analyst = await sessionCookieFor("Analyst", "ana");
    // 701: High severity, but a Critical alert with a deadline in 5 min → Critical, SLA = the earlier open deadline.
    // 702: Medium, its only alert breached 10 min ago → Medium (alert priority High wins) and breached.
    // 703: Low, no cached alerts → Low, no SLA.
    // 704: Resolved with a Critical alert → closed: ranked after every open incident, no SLA.
    // 705: High, alert High with 50 min left → High.
    const incidents: [number, string, string, string | null][] = [
      [701, "Active", "High", null],
      [702, "InProgress", "Medium", "ana@contoso.example"],
      [703, "Active", "Low", null],
      [704, "Resolved", "High", null],
      [705, "Active", "High", "bob@contoso.example"],
    ];
    await database.prisma.incident.createMany({
      data: ofTenant(
        incidents.map(([id, status, severity, assignedTo]) => ({
          id: BigInt(id),
          name: `Incident ${id}`,
          status,
          severity,
          assignedTo,
          createdTime: at(-120),
          lastUpdateTime: at(-id),
        })),
      ),
    });
    const alert = (id: string, incident: number, priority: string, status: string, due: Date | null) => ({
      id,
      incidentId: BigInt(incident),
      title: id,
      severity: "High",
      status,
      priority,
      slaDueAt: due,
      alertCreationTime: at(-60),
      lastUpdateTime: at(-60),
    });
    await database.prisma.alert.createMany({
      data: ofTenant([
        alert("a701", 701, "Critical", "New", at(5)),
        alert("b701", 701, "High", "New", at(30)),
        alert("c701", 701, "High", "Resolved", at(-30)), // resolved: its deadline does not count
        alert("a702", 702, "High", "InProgress", at(-10)),
        alert("a704", 704, "Critical", "Resolved", at(-50)),
        alert("a705", 705, "High", "New", at(50)),
      ]),
    });
    await deriveIncidentFigures(database.prisma);
  });

  afterAll(async () => {
    incidentWriter.replaceForTests(undefined);
    await database?.close();
  });

  beforeEach(async () => {
    incidentWriter.replaceForTests(writer);
    calls.length = 0;
    refuse.clear();
    rateLimitWindows.replaceForTests(undefined);
    await resetBudgetsForTests();
  });

  const list = async (q: string) => {
    const res = await callRoute(listRoute, { path: `/api/incidents?${q}`, headers: { cookie: analyst } });
    return { status: res.status, body: await res.json() };
  };
  const ids = (body: { data: { id: string }[] }) => body.data.map((d) => d.id);

  it("derives each incident's priority and SLA deadline from its alerts", async () => {
    const rows = await database.prisma.incident.findMany({ orderBy: { id: "asc" } });
    expect(rows.map((r) => [Number(r.id), r.priority, r.slaDueAt?.toISOString() ?? null, r.alertCount])).toEqual([
      [701, "Critical", at(5).toISOString(), 3],
      [702, "High", at(-10).toISOString(), 1],
      [703, "Low", null, 0],
      [704, "Critical", null, 1],
      [705, "High", at(50).toISOString(), 1],
    ]);
  });

  it("opens most urgent first: open before closed, then priority, then the least time left", async () => {
    const { body } = await list("");
    expect(ids(body)).toEqual(["701", "702", "705", "703", "704"]);
    expect(body.data[0]).toMatchObject({ priority: "Critical", slaDueAt: at(5).toISOString() });
    // Paged two at a time, the order is the same and every incident comes once.
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { data: { id: string }[]; nextCursor: string | null } } = await list(
        `limit=2${cursor ? `&cursor=${cursor}` : ""}`,
      );
      seen.push(...ids(page.body));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(ids(body));
    // The other direction reverses it; the SLA sort puts the breached first and incidents without a clock last.
    expect(ids((await list("dir=asc")).body)).toEqual(["704", "703", "705", "702", "701"]);
    expect(ids((await list("sort=sla")).body).slice(0, 3)).toEqual(["702", "701", "705"]);
  });

  it("filters on priority, SLA state and assignee, with the counts that head the list", async () => {
    expect(ids((await list("priority=Critical")).body)).toEqual(["701", "704"]);
    expect(ids((await list("sla=breached")).body)).toEqual(["702"]);
    // Near breach = less than a quarter of the priority's clock left: 5 of Critical's 15 min is not, yet.
    expect(ids((await list("sla=near")).body)).toEqual([]);
    expect(ids((await list("assignedTo=unassigned")).body)).toEqual(["701", "703", "704"]);
    expect(ids((await list("assignedTo=@me")).body)).toEqual(["702"]);
    expect(ids((await list("q=705")).body)).toEqual(["705"]);
    expect((await list("priority=Urgent")).status).toBe(400);
    const sla = await (await callRoute(slaRoute, { path: "/api/incidents/sla", headers: { cookie: analyst } })).json();
    expect(sla).toMatchObject({ breached: 1 });
  });

  it("bulk: one Defender XDR update per incident, per-item results, audited, the SLA re-derived", async () => {
    refuse.add("703");
    const res = await callRoute(bulkRoute, {
      method: "POST",
      path: "/api/incidents/bulk",
      headers: { cookie: analyst, origin: TEST_ORIGIN },
      body: { ids: ["702", "703", "799"], change: { status: "Resolved", assignedTo: "@me" } },
    });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({ updated: 1, failed: 1, notFound: 1 });
    expect(body.items.map((i: { id: string; result: string }) => [i.id, i.result])).toEqual([
      ["702", "updated"],
      ["703", "failed"],
      ["799", "not_found"],
    ]);
    expect(calls.map((c) => c.id).sort()).toEqual(["702", "703"]);
    expect(calls[0].patch).toEqual({ status: "Resolved", assignedTo: "ana@contoso.example" });
    // Resolved: its alert followed, so the incident has no SLA clock any more and leaves the breached count.
    expect(await database.prisma.incident.findUniqueOrThrow({ where: tenantKey(BigInt(702)) })).toMatchObject({
      status: "Resolved",
      slaDueAt: null,
    });
    expect(ids((await list("sla=breached")).body)).toEqual([]);
    const audit = await database.prisma.auditEvent.findMany({
      where: { action: "incident.triage", targetId: { in: ["702", "703"] }, result: { not: "pending" } },
      select: { targetId: true, result: true },
      orderBy: { targetId: "asc" },
    });
    expect(audit).toEqual([
      { targetId: "702", result: "success" },
      { targetId: "703", result: "failure" },
    ]);
  });

  it("bulk: refuses more incidents than Defender XDR takes in a minute, naming the field", async () => {
    const res = await callRoute(bulkRoute, {
      method: "POST",
      path: "/api/incidents/bulk",
      headers: { cookie: analyst, origin: TEST_ORIGIN },
      body: { ids: Array.from({ length: 51 }, (_, i) => String(1000 + i)), change: { status: "Resolved" } },
    });
    expect(res.status).toBe(400);
    expect((await res.json()).error.issues[0].path).toBe("ids");
    expect(calls).toHaveLength(0);
  });
});
