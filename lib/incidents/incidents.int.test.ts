import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { availableTestDatabases, createTestDatabase, type TestDatabase, ofTenant } from "../db/testing";
import { getDatabase } from "../db";
import { callRoute, sessionCookieFor, TEST_ORIGIN } from "../auth/testing";
import { rateLimitWindows } from "../auth/rate-limit";
import { ProviderError } from "../defender";
import { GET as listRoute } from "@/app/api/incidents/route";
import { PATCH as patchRoute } from "@/app/api/incidents/[id]/route";
import { incidentWriter, type IncidentWriter } from "./writer";
import type { DefenderIncident, DefenderIncidentPatch } from "./writer";
import { tenantKey, tenantScope } from "../cache/tenant";

const kinds = await availableTestDatabases();

describe.each(kinds)("incidents on %s", (kind) => {
  let database: TestDatabase;
  let analyst: string;
  const calls: DefenderIncidentPatch[] = [];
  let fail: ProviderError | null = null;
  const writer: IncidentWriter = {
    async updateIncident(id, patch) {
      calls.push(patch);
      if (fail) throw fail;
      return {
        incidentId: Number(id),
        incidentName: `Incident ${id}`,
        status: patch.status ?? "Active",
        severity: "High",
        createdTime: "2026-11-26T08:00:00Z",
        lastUpdateTime: "2026-11-26T12:00:00Z",
        assignedTo: patch.assignedTo ?? null,
        comments: [],
        tags: [],
        alerts: [
          {
            alertId: "ia_1",
            status: patch.status ?? "New",
            assignedTo: patch.assignedTo ?? null,
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
    const base = Date.parse("2026-11-26T00:00:00Z");
    await database.prisma.incident.createMany({
      data: ofTenant(
        Array.from({ length: 9 }, (_, i) => ({
          id: BigInt(500 + i),
          name: i % 2 ? `Ransomware on host-${i}` : `Phishing wave ${i}`,
          status: ["Active", "InProgress", "Resolved"][i % 3],
          severity: ["High", "Medium", "Low"][i % 3],
          assignedTo: i % 3 === 0 ? "ana@contoso.example" : null,
          createdTime: new Date(base - i * 3_600_000),
          // Two pairs share a timestamp, so paging must break ties by id.
          lastUpdateTime: new Date(base - Math.floor(i / 2) * 60_000),
        })),
      ),
    });
    await database.prisma.alert.create({
      data: {
        ...tenantScope(),
        id: "ia_1",
        incidentId: BigInt(500),
        title: "x",
        severity: "High",
        status: "New",
        priority: "High",
        alertCreationTime: new Date(base),
        lastUpdateTime: new Date(base),
      },
    });
  });
  afterAll(async () => {
    incidentWriter.replaceForTests(undefined);
    await database?.close();
  });
  beforeEach(() => {
    incidentWriter.replaceForTests(writer);
    calls.length = 0;
    fail = null;
    rateLimitWindows.replaceForTests(undefined);
  });

  const list = async (q: string) => {
    const res = await callRoute(listRoute, { path: `/api/incidents?${q}`, headers: { cookie: analyst } });
    return { status: res.status, body: await res.json() };
  };

  it("pages every incident once, newest change first, and filters", async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const { body }: { body: { data: { id: string }[]; nextCursor: string | null } } = await list(
        `sort=updated&limit=2${cursor ? `&cursor=${cursor}` : ""}`,
      );
      seen.push(...body.data.map((d) => d.id));
      cursor = body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(
      ["500", "501", "502", "503", "504", "505", "506", "507", "508"].sort(
        (a, b) => Math.floor((+a - 500) / 2) - Math.floor((+b - 500) / 2) || +b - +a,
      ),
    );
    expect((await list("sort=updated&status=Resolved")).body.data.map((d: { id: string }) => d.id)).toEqual(
      ["505", "502", "508"].sort((a, b) => Math.floor((+a - 500) / 2) - Math.floor((+b - 500) / 2) || +b - +a),
    );
    expect((await list("assignedTo=@me")).body.data).toHaveLength(3);
    expect((await list("q=ransomware")).body.data).toHaveLength(4);
    expect((await list("status=Closed")).status).toBe(400);
    // A cursor that does not decode, or one made for the other sort, is a 400 (the list page's "Load more").
    expect((await list("cursor=not-a-cursor")).status).toBe(400);
    const { body: page } = await list("limit=2");
    expect((await list(`sort=created&cursor=${page.nextCursor}`)).status).toBe(400);
  });

  it("sets status through Defender XDR and cascades to the cached alerts", async () => {
    const res = await callRoute(patchRoute, {
      method: "PATCH",
      params: { id: "500" },
      headers: { cookie: analyst, origin: TEST_ORIGIN },
      body: { status: "Resolved", assignedTo: "@me" },
    });
    expect(res.status).toBe(200);
    expect(calls).toEqual([{ status: "Resolved", assignedTo: "ana@contoso.example" }]);
    expect(await database.prisma.incident.findUniqueOrThrow({ where: tenantKey(BigInt(500)) })).toMatchObject({
      status: "Resolved",
      assignedTo: "ana@contoso.example",
    });
    expect(await database.prisma.alert.findUniqueOrThrow({ where: tenantKey("ia_1") })).toMatchObject({
      status: "Resolved",
      assignedTo: "ana@contoso.example",
    });
    expect(
      await database.prisma.auditEvent.count({
        where: { action: "incident.triage", targetId: "500", result: "success" },
      }),
    ).toBe(1);
  });

  it("leaves the cache unchanged when Defender refuses, and refuses a determination without TruePositive", async () => {
    fail = new ProviderError({
      provider: "xdr",
      status: 400,
      code: "BadRequest",
      message: "Invalid status transition",
    });
    const before = await database.prisma.incident.findUniqueOrThrow({ where: tenantKey(BigInt(501)) });
    const res = await callRoute(patchRoute, {
      method: "PATCH",
      params: { id: "501" },
      headers: { cookie: analyst, origin: TEST_ORIGIN },
      body: { status: "Active" },
    });
    expect(res.status).toBe(422);
    expect((await res.json()).error.message).toContain("Invalid status transition");
    expect(await database.prisma.incident.findUniqueOrThrow({ where: tenantKey(BigInt(501)) })).toEqual(before);
    const bad = await callRoute(patchRoute, {
      method: "PATCH",
      params: { id: "501" },
      headers: { cookie: analyst, origin: TEST_ORIGIN },
      body: { classification: "FalsePositive", determination: "Clean" },
    });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.issues[0].path).toBe("determination");
  });
});
