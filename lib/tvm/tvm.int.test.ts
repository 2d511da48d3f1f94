import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { availableTestDatabases, createTestDatabase, type TestDatabase } from "../db/testing";
import { getDatabase } from "../db";
import { callRoute, sessionCookieFor, TEST_ORIGIN } from "../auth/testing";
import { deriveAfter } from "../sync/derive";
import { GET as dashboardRoute } from "@/app/api/tvm/dashboard/route";
import { GET as vulnerabilitiesRoute } from "@/app/api/tvm/vulnerabilities/route";
import { GET as cveRoute } from "@/app/api/tvm/vulnerabilities/[id]/route";
import { GET as recommendationsRoute } from "@/app/api/tvm/recommendations/route";
import { GET as listRequestsRoute, POST as createRequestRoute } from "@/app/api/tvm/remediation-requests/route";
import { DELETE as deleteRequestRoute, PATCH as editRequestRoute } from "@/app/api/tvm/remediation-requests/[id]/route";
import { POST as closeRequestRoute } from "@/app/api/tvm/remediation-requests/[id]/close/route";
import { POST as reopenRequestRoute } from "@/app/api/tvm/remediation-requests/[id]/reopen/route";
import { getTvmDashboard, listRecommendations, listRemediationRequests } from ".";
import { refreshTvmAggregates } from "../cache/tvm-aggregates";
import type {
  RecommendationPage,
  RemediationRequestRow,
  TvmDashboard,
  VulnerabilityDetail,
  VulnerabilityPage,
} from "./schemas";

// The TVM aggregates on a hand-sized cache whose figures are counted by hand in the comments, on both databases.
//   devices: d1 (Finance, m1), d2 (Finance, m2), d3 (Servers, m3), d4 (no group, m4)
//   open exposures: m1 CVE-1 via acme app and acme lib, m1 CVE-2 acme app; m2 CVE-1 acme app, CVE-3 zed tool;
//                   m3 CVE-3 zed tool; m4 CVE-2 acme app. Resolved: m3 CVE-4.

const kinds = await availableTestDatabases();
const DAY1 = new Date("2026-11-20T12:00:00Z");

describe.each(kinds)("TVM aggregates on %s", (kind) => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    getDatabase.replaceForTests(database);
    const p = database.prisma;
    await p.device.createMany({
      data: [
        {
          id: "d1",
          mdeMachineId: "m1",
          inMde: true,
          name: "fin-1",
          platform: "Windows",
          rbacGroupName: "Finance",
          exposureLevel: "High",
        },
        {
          id: "d2",
          mdeMachineId: "m2",
          inMde: true,
          name: "fin-2",
          platform: "Windows",
          rbacGroupName: "Finance",
          exposureLevel: "Medium",
        },
        {
          id: "d3",
          mdeMachineId: "m3",
          inMde: true,
          name: "srv-1",
          platform: "Windows",
          rbacGroupName: "Servers",
          exposureLevel: "Low",
        },
        { id: "d4", mdeMachineId: "m4", inMde: true, name: "lost-1", platform: "Linux", exposureLevel: "Medium" },
      ],
    });
    await p.vulnerability.createMany({
      data: [
        { id: "CVE-1", name: "CVE-1", severity: "Critical", cvssV3: 9.8, publicExploit: true, exploitTypes: [] },
        {
          id: "CVE-2",
          name: "CVE-2",
          severity: "High",
          cvssV3: 8.1,
          exploitVerified: true,
          isZeroDay: true,
          exploitTypes: [],
        },
        { id: "CVE-3", name: "CVE-3", severity: "Medium", cvssV3: 5.0, exploitTypes: [] },
        { id: "CVE-4", name: "CVE-4", severity: "Low", cvssV3: 2.0, exploitTypes: [] },
      ],
    });
    const dv = (machineId: string, cveId: string, vendor: string, product: string, resolvedAt: Date | null = null) => ({
      id: `${machineId}-_-${cveId}-_-${vendor}-_-${product}`,
      machineId,
      cveId,
      productVendor: vendor,
      productName: product,
      productVersion: "1.0",
      severity: { "CVE-1": "Critical", "CVE-2": "High", "CVE-3": "Medium", "CVE-4": "Low" }[cveId]!,
      firstSeenAt: DAY1,
      lastSeenAt: DAY1,
      resolvedAt,
    });
    await p.deviceVulnerability.createMany({
      data: [
        dv("m1", "CVE-1", "acme", "app"),
        dv("m1", "CVE-1", "acme", "lib"),
        dv("m1", "CVE-2", "acme", "app"),
        dv("m2", "CVE-1", "acme", "app"),
        dv("m2", "CVE-3", "zed", "tool"),
        dv("m3", "CVE-3", "zed", "tool"),
        dv("m3", "CVE-4", "zed", "tool", DAY1),
        dv("m4", "CVE-2", "acme", "app"),
      ],
    });
    await p.recommendation.createMany({
      data: [
        {
          id: "va-_-acme-_-app",
          recommendationName: "Update Acme App",
          remediationType: "Update",
          exposureImpact: 5,
          exposedMachinesCount: 99,
        },
        {
          id: "va-_-zed-_-tool",
          recommendationName: "Update Zed Tool",
          remediationType: "Update",
          exposureImpact: 2,
          exposedMachinesCount: 2,
        },
        {
          id: "scid-1",
          recommendationName: "Turn on tamper protection",
          remediationType: "ConfigurationChange",
          exposureImpact: 3,
          exposedMachinesCount: 7,
        },
      ],
    });
    await p.scoreSnapshot.createMany({
      data: [
        { kind: "exposure", scope: "", day: new Date("2026-11-01"), score: 60, time: DAY1 },
        { kind: "exposure", scope: "", day: new Date("2026-11-15"), score: 44, time: DAY1 },
        { kind: "exposure", scope: "", day: new Date("2026-11-21"), score: 40.04, time: DAY1 },
        { kind: "exposure", scope: "Finance", day: new Date("2026-11-21"), score: 52, time: DAY1 },
        { kind: "secure", scope: "", day: new Date("2026-11-21"), score: 540, time: DAY1 },
      ],
    });
    // The sync's own hook: per-device counts, then the aggregates (as of the real clock; re-run for DAY1 below).
    await deriveAfter(p, new Set(["deviceVulnerabilities"]));
    await refreshTvmAggregates(p, DAY1);
  });
  afterAll(async () => {
    await database?.close();
  });

  it("counts each CVE's exposed devices once per scope, whatever the number of products", async () => {
    const rows = await database.prisma.cveExposure.findMany({ orderBy: [{ scope: "asc" }, { cveId: "asc" }] });
    expect(rows.map((r) => `${r.scope}|${r.cveId}|${r.exposedDevices}`)).toEqual([
      "|CVE-1|2",
      "|CVE-2|2",
      "|CVE-3|2",
      "Finance|CVE-1|2",
      "Finance|CVE-2|1",
      "Finance|CVE-3|1",
      "Servers|CVE-3|1",
      "Ungrouped|CVE-2|1",
    ]);
  });

  it("snapshots distinct open CVEs by severity, exposed devices, zero-days and exploitable ones per scope", async () => {
    const rows = await database.prisma.vulnerabilityCountSnapshot.findMany({
      where: { day: new Date("2026-11-20") },
      orderBy: { scope: "asc" },
    });
    const pick = (scope: string) => {
      const r = rows.find((x) => x.scope === scope)!;
      return [r.critical, r.high, r.medium, r.low, r.exposedDevices, r.zeroDay, r.exploitable];
    };
    expect(pick("")).toEqual([1, 1, 1, 0, 4, 1, 2]);
    expect(pick("Finance")).toEqual([1, 1, 1, 0, 2, 1, 2]);
    expect(pick("Servers")).toEqual([0, 0, 1, 0, 1, 0, 0]);
  });

  it("serves the dashboard for a group from the aggregates", async () => {
    const cookie = await sessionCookieFor("Viewer");
    const res = await callRoute(dashboardRoute, {
      path: "/api/tvm/dashboard?group=Finance&range=7",
      headers: { cookie },
    });
    expect(res.status).toBe(200);
    const finance = (await res.json()) as TvmDashboard;
    expect(finance.groups).toEqual(["Finance", "Servers", "Ungrouped"]);
    expect(finance.secure).toBeNull(); // tenant-wide only
    expect(finance.distribution).toEqual([
      { level: "High", devices: 1 },
      { level: "Medium", devices: 1 },
      { level: "Low", devices: 0 },
      { level: "None", devices: 0 },
    ]);
    expect(finance.topSoftware.map((s) => [s.softwareId, s.vulnerabilities, s.exposedDevices])).toEqual([
      ["acme-_-app", 2, 2],
      ["acme-_-lib", 1, 1],
      ["zed-_-tool", 1, 1],
    ]);
    // m1: CVE-1 twice (two products) and CVE-2 → 2 critical, 1 high; m2: 1 critical, 1 medium.
    expect(finance.topDevices.map((d) => [d.id, d.critical, d.high, d.medium])).toEqual([
      ["d1", 2, 1, 0],
      ["d2", 1, 0, 1],
    ]);
    expect(finance.topRecommendations.map((r) => [r.id, r.exposedDevices, r.exposedInScope])).toEqual([
      ["va-_-acme-_-app", 2, true],
      ["scid-1", 7, false],
      ["va-_-zed-_-tool", 1, true],
    ]);
  });

  it("draws the tenant trend over the chosen window, with the secure score in percent", async () => {
    const now = new Date("2026-11-21T18:00:00Z");
    const week: TvmDashboard = await getTvmDashboard({ group: "", range: "7" }, now);
    expect(week.exposure).toEqual({
      now: 40,
      change: -4,
      trend: [
        { day: "2026-11-15", score: 44 },
        { day: "2026-11-21", score: 40 },
      ],
    });
    expect(week.secure?.now).toBe(54);
    expect(week.groupScores).toEqual([{ group: "Finance", score: 52 }]);
    const month = await getTvmDashboard({ group: "", range: "30" }, now);
    expect(month.exposure.change).toBe(-20);
    expect(month.counts).toMatchObject({
      critical: 1,
      high: 1,
      medium: 1,
      low: 0,
      total: 3,
      zeroDay: 1,
      exploitable: 2,
    });
    expect((await getTvmDashboard({ group: "Servers", range: "30" }, now)).topRecommendations.map((r) => r.id)).toEqual(
      ["scid-1", "va-_-zed-_-tool"],
    );
  });

  it("counts on the dashboard tiles exactly the CVEs the lists they open show (B9)", async () => {
    const cookie = await sessionCookieFor("Viewer");
    const list = async (query: string) =>
      (
        (await (
          await callRoute(vulnerabilitiesRoute, { path: `/api/tvm/vulnerabilities?${query}`, headers: { cookie } })
        ).json()) as VulnerabilityPage
      ).data.map((v) => v.id);
    const counts = (await getTvmDashboard({ group: "", range: "30" })).counts!;
    // CVE-4 is patched everywhere (0 exposed devices): counted by no tile, so listed by no list either.
    expect(await list("limit=100")).toEqual(["CVE-1", "CVE-2", "CVE-3"]);
    expect(await list("limit=100")).toHaveLength(counts.total);
    expect(await list("zeroDay=1")).toHaveLength(counts.zeroDay);
    expect(await list("exploit=1")).toHaveLength(counts.exploitable);
  });

  it("shows an unknown device group as ignored, tenant-wide, not as an empty dashboard (B10)", async () => {
    const all = await getTvmDashboard({ group: "", range: "30" });
    const unknown = await getTvmDashboard({ group: "No Such Group", range: "30" });
    expect(unknown.unknownGroup).toBe("No Such Group");
    expect(unknown.group).toBe("");
    expect(unknown.counts).toEqual(all.counts);
    expect(all.unknownGroup).toBeNull();
    expect((await getTvmDashboard({ group: "Finance", range: "30" })).unknownGroup).toBeNull();
  });

  it("lists CVEs by exposure in a group and opens one with its devices", async () => {
    const cookie = await sessionCookieFor("Viewer");
    const list = (await (
      await callRoute(vulnerabilitiesRoute, {
        path: "/api/tvm/vulnerabilities?group=Finance&sort=exposed&limit=2",
        headers: { cookie },
      })
    ).json()) as VulnerabilityPage;
    expect(list.data.map((v) => [v.id, v.exposedDevices])).toEqual([
      ["CVE-1", 2],
      ["CVE-3", 1],
    ]);
    expect(list.data[0].software).toEqual(["acme app", "acme lib"]);
    const next = (await (
      await callRoute(vulnerabilitiesRoute, {
        path: `/api/tvm/vulnerabilities?group=Finance&sort=exposed&limit=2&cursor=${list.nextCursor}`,
        headers: { cookie },
      })
    ).json()) as VulnerabilityPage;
    expect(next.data.map((v) => v.id)).toEqual(["CVE-2"]);
    expect(next.nextCursor).toBeNull();
    const zero = (await (
      await callRoute(vulnerabilitiesRoute, { path: "/api/tvm/vulnerabilities?zeroDay=1", headers: { cookie } })
    ).json()) as VulnerabilityPage;
    expect(zero.data.map((v) => v.id)).toEqual(["CVE-2"]);
    // Search: part of an id finds it; a typed "_" is a character, not a LIKE wildcard.
    const search = async (q: string) =>
      (
        (await (
          await callRoute(vulnerabilitiesRoute, {
            path: `/api/tvm/vulnerabilities?q=${encodeURIComponent(q)}&sort=cvss`,
            headers: { cookie },
          })
        ).json()) as VulnerabilityPage
      ).data.map((v) => v.id);
    expect(await search("VE-3")).toEqual(["CVE-3"]);
    expect(await search("CVE_3")).toEqual([]);
    const bad = await callRoute(vulnerabilitiesRoute, {
      path: "/api/tvm/vulnerabilities?sort=bogus",
      headers: { cookie },
    });
    expect(bad.status).toBe(400);

    const cve = (await (
      await callRoute(cveRoute, {
        path: "/api/tvm/vulnerabilities/CVE-2",
        params: { id: "CVE-2" },
        headers: { cookie },
      })
    ).json()) as VulnerabilityDetail;
    expect(cve.devices.map((d) => [d.id, d.name])).toEqual([
      ["d1", "fin-1"],
      ["d4", "lost-1"],
    ]);
    expect(
      (
        await callRoute(cveRoute, {
          path: "/api/tvm/vulnerabilities/CVE-9",
          params: { id: "CVE-9" },
          headers: { cookie },
        })
      ).status,
    ).toBe(404);
  });

  it("lists recommendations with the group's exposure", async () => {
    const { data } = await listRecommendations({ group: "Servers", sort: "exposure" });
    expect(data.map((r) => [r.id, r.exposedDevices])).toEqual([
      ["scid-1", 7],
      ["va-_-zed-_-tool", 1],
    ]);
    expect((await listRecommendations({ group: "", sort: "exposure", q: "%" })).data).toEqual([]);
  });

  it("pages recommendations by cursor (ties by id) and refuses a cursor that does not fit", async () => {
    const cookie = await sessionCookieFor("Viewer");
    const get = (qs: string) =>
      callRoute(recommendationsRoute, { path: `/api/tvm/recommendations?${qs}`, headers: { cookie } });
    const read = async (qs: string) => (await (await get(qs)).json()) as RecommendationPage;
    // Every severity score is 0: the keyset must step through the tie by id, one row a page.
    const ids: string[] = [];
    let cursor: string | null = null;
    do {
      const page: RecommendationPage = await read(`sort=severity&limit=1${cursor ? `&cursor=${cursor}` : ""}`);
      ids.push(...page.data.map((r) => r.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(ids).toEqual(["scid-1", "va-_-acme-_-app", "va-_-zed-_-tool"]);
    const first = await read("limit=2");
    expect(first.data.map((r) => r.id)).toEqual(["va-_-acme-_-app", "scid-1"]);
    const rest = await read(`limit=2&cursor=${first.nextCursor}`);
    expect(rest).toMatchObject({ data: [{ id: "va-_-zed-_-tool" }], nextCursor: null });
    expect((await get("cursor=not-a-cursor")).status).toBe(400);
    expect((await get(`sort=severity&cursor=${first.nextCursor}`)).status).toBe(400);
  });

  it("records a Manager's remediation request, audited, and burns it down from the next sync", async () => {
    const manager = await sessionCookieFor("Manager", "mona");
    const due = new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10);
    const body = {
      recommendationId: "va-_-acme-_-app",
      scope: "Finance",
      owner: "Desktop team",
      dueOn: due,
      note: "Before the audit",
    };
    const res = await callRoute(createRequestRoute, {
      method: "POST",
      path: "/api/tvm/remediation-requests",
      headers: { cookie: manager, origin: TEST_ORIGIN },
      body,
    });
    expect(res.status).toBe(200);
    const created = (await res.json()) as RemediationRequestRow;
    expect(created).toMatchObject({
      owner: "Desktop team",
      scope: "Finance",
      baselineExposed: 2,
      exposedNow: 2,
      status: "Open",
      overdue: false,
    });
    const audit = await database.prisma.auditEvent.findFirstOrThrow({ where: { action: "tvm.remediation.create" } });
    expect(audit).toMatchObject({ result: "success", targetId: created.id, actorName: "mona@contoso.example" });

    const viewer = await sessionCookieFor("Viewer");
    const denied = await callRoute(createRequestRoute, {
      method: "POST",
      path: "/api/tvm/remediation-requests",
      headers: { cookie: viewer, origin: TEST_ORIGIN },
      body,
    });
    expect(denied.status).toBe(403);
    const past = await callRoute(createRequestRoute, {
      method: "POST",
      path: "/api/tvm/remediation-requests",
      headers: { cookie: manager, origin: TEST_ORIGIN },
      body: { ...body, dueOn: "2020-01-01" },
    });
    expect(past.status).toBe(400);

    // fin-1 gets patched: the next sync resolves its rows; the request's sample drops to 1.
    await database.prisma.deviceVulnerability.updateMany({
      where: { machineId: "m1" },
      data: { resolvedAt: new Date() },
    });
    const tomorrow = new Date(Date.now() + 86_400_000);
    await refreshTvmAggregates(database.prisma, tomorrow);
    const [row] = await listRemediationRequests({ id: created.id }, tomorrow);
    expect(row.exposedNow).toBe(1);
    expect(row.burndown.slice(0, 2).map((p) => p.exposed)).toEqual([2, 1]);
    expect(row.burndown.at(-1)).toMatchObject({ day: due, ideal: 0 });
    const listed = (await (
      await callRoute(listRequestsRoute, { path: "/api/tvm/remediation-requests", headers: { cookie: viewer } })
    ).json()) as RemediationRequestRow[];
    expect(listed.map((r) => r.id)).toEqual([created.id]);
  });

  it("lets a Manager reassign, move, close, reopen and delete a request, each audited; a Viewer may not (B2)", async () => {
    const manager = await sessionCookieFor("Manager", "mia");
    const viewer = await sessionCookieFor("Viewer");
    const due = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
    const call = async (
      handler: typeof editRequestRoute,
      method: string,
      path: string,
      id: string,
      cookie = manager,
      body?: unknown,
    ) =>
      callRoute(handler, {
        method,
        path: `/api/tvm/remediation-requests/${id}${path}`,
        params: { id },
        headers: { cookie, origin: TEST_ORIGIN },
        body,
      });
    // A double click sends the form's one Idempotency-Key twice: one request, the same answer twice.
    const create = () =>
      callRoute(createRequestRoute, {
        method: "POST",
        path: "/api/tvm/remediation-requests",
        headers: { cookie: manager, origin: TEST_ORIGIN, "idempotency-key": "remediation-form-1" },
        body: { recommendationId: "va-_-zed-_-tool", owner: "Server team", dueOn: due(7) },
      });
    const created = (await (await create()).json()) as RemediationRequestRow;
    expect(((await (await create()).json()) as RemediationRequestRow).id).toBe(created.id);
    expect(await listRemediationRequests({ recommendationId: "va-_-zed-_-tool" })).toHaveLength(1);

    const edited = await call(editRequestRoute, "PATCH", "", created.id, manager, {
      owner: "Platform team",
      dueOn: due(21),
      note: "Needs a maintenance window",
    });
    expect(edited.status).toBe(200);
    expect(await edited.json()).toMatchObject({
      owner: "Platform team",
      dueOn: due(21),
      note: "Needs a maintenance window",
      status: "Open",
    });
    const update = await database.prisma.auditEvent.findFirstOrThrow({ where: { action: "tvm.remediation.update" } });
    expect(update).toMatchObject({ targetId: created.id, result: "success" });
    expect(update.params).toMatchObject({ owner: { from: "Server team", to: "Platform team" } });
    // A new due date in the past, an empty owner, an empty patch or an unknown field: 400, nothing changed.
    for (const body of [{ dueOn: "2020-01-01" }, { owner: " " }, {}, { status: "Closed" }])
      expect((await call(editRequestRoute, "PATCH", "", created.id, manager, body)).status).toBe(400);
    expect((await call(editRequestRoute, "PATCH", "", created.id, viewer, { owner: "x" })).status).toBe(403);

    const closed = await call(closeRequestRoute, "POST", "/close", created.id);
    expect(await closed.json()).toMatchObject({
      status: "Closed",
      closedByName: "mia@contoso.example",
      overdue: false,
    });
    expect((await call(closeRequestRoute, "POST", "/close", created.id)).status).toBe(409);
    // A closed request is no longer sampled: the next sync leaves its burndown as it was.
    const samples = () => database.prisma.remediationProgress.count({ where: { requestId: created.id } });
    const before = await samples();
    await refreshTvmAggregates(database.prisma, new Date(Date.now() + 2 * 86_400_000));
    expect(await samples()).toBe(before);
    const reopened = await call(reopenRequestRoute, "POST", "/reopen", created.id);
    expect(await reopened.json()).toMatchObject({ status: "Open", closedAt: null });

    expect((await call(deleteRequestRoute, "DELETE", "", created.id, viewer)).status).toBe(403);
    expect((await call(deleteRequestRoute, "DELETE", "", created.id)).status).toBe(200);
    expect(await listRemediationRequests({ id: created.id })).toEqual([]);
    expect((await call(deleteRequestRoute, "DELETE", "", created.id)).status).toBe(404);
    const actions = await database.prisma.auditEvent.findMany({
      where: { targetId: created.id, result: "success" },
      orderBy: { id: "asc" },
      select: { action: true },
    });
    expect(actions.map((a) => a.action)).toEqual([
      "tvm.remediation.create",
      "tvm.remediation.update",
      "tvm.remediation.close",
      "tvm.remediation.reopen",
      "tvm.remediation.delete",
    ]);
  });
});
