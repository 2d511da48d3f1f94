import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { availableTestDatabases, createTestDatabase, type TestDatabase, ofTenant } from "../db/testing";
import { getDatabase } from "../db";
import { tenantScope } from "../cache/tenant";
import { callRoute, sessionCookieFor } from "../auth/testing";
import { GET as listRoute } from "@/app/api/alerts/route";
import { GET as slaRoute } from "@/app/api/alerts/sla/route";
import type { AlertPage, AlertRow } from "./schemas";

// The queue's API route against real databases: every filter, every sort with keyset paging, grouping, the SLA
// counts, and 400s that name the bad parameter.

const kinds = await availableTestDatabases();
const MIN = 60_000;
const DAY = 86_400_000;

interface Seed {
  id: string;
  title: string;
  severity: string;
  status: string;
  priority: string;
  priorityRule?: string | null;
  category: string;
  detectionSource: string;
  mitreTechniques: string[];
  computerDnsName: string | null;
  machineId: string | null;
  relatedUserName: string | null;
  assignedTo: string | null;
  incidentId: bigint | null;
  ageMs: number;
  slaInMs: number | null;
}

const ME = "ana@contoso.example";
const SHA1 = "3395856ce81f2b7382dee72602f798b642f14140";
const SHA256 = "275a021bbfb6489e54d471899f7db9d1663fc695ec2fe2a2c4538aabf651fd0f";
const SEVERITIES = ["High", "Medium", "Low", "Informational", "UnSpecified"];
const PRIORITY_OF: Record<string, string> = {
  High: "High",
  Medium: "Medium",
  Low: "Low",
  Informational: "Informational",
  UnSpecified: "Low",
};
const STATUSES = ["New", "InProgress", "Resolved"];
const CATEGORIES = ["Execution", "CredentialAccess", "Ransomware", "Persistence"];
const SOURCES = ["WindowsDefenderAtp", "WindowsDefenderAv", "AutomatedInvestigation"];
const TECHNIQUES = [["T1059"], ["T1003.001"], ["T1486", "T1059"], []];

/** 60 alerts with every attribute varying independently, plus a few hand-made edge cases. */
function seeds(): Seed[] {
  const out: Seed[] = [];
  for (let i = 0; i < 60; i++) {
    const severity = SEVERITIES[i % 5];
    out.push({
      id: `da${String(i).padStart(4, "0")}_${(i * 7919) % 1000}`,
      title: [
        "Suspicious PowerShell command line",
        "Credential dumping via LSASS",
        "Ransomware behaviour detected",
        "New service installed",
      ][i % 4],
      severity,
      status: STATUSES[i % 3],
      priority: i % 11 === 0 ? "Critical" : PRIORITY_OF[severity],
      priorityRule: i % 11 === 0 ? "LSASS access" : null,
      category: CATEGORIES[i % 4],
      detectionSource: SOURCES[i % 3],
      mitreTechniques: TECHNIQUES[i % 4],
      computerDnsName: i % 13 === 0 ? null : `host-${i % 7}.contoso.example`,
      machineId: i % 13 === 0 ? null : `m${i % 7}`.padEnd(40, "0"),
      relatedUserName: i % 6 === 0 ? null : `user${i % 5}`,
      assignedTo: i % 4 === 0 ? null : i % 4 === 1 ? ME : "bob@contoso.example",
      incidentId: i % 5 === 0 ? null : BigInt(1000 + (i % 3)),
      ageMs: (i % 20) * 3 * 3_600_000 + i * MIN, // spread over 2.5 days, all distinct
      slaInMs: severity === "Informational" ? null : [-2 * 3_600_000, 5 * MIN, 30 * 3_600_000][i % 3],
    });
  }
  // Old: only wider time ranges see it. Odd characters: search must treat % and _ literally.
  out.push({ ...out[1], id: "old_1", title: "Old alert from last quarter", ageMs: 80 * DAY, slaInMs: null });
  out.push({ ...out[2], id: "pct_1", title: "Disk 100% full_alert", computerDnsName: "odd-host", ageMs: 10 * MIN });
  return out;
}

describe.each(kinds)("GET /api/alerts on %s", (kind) => {
  let database: TestDatabase;
  let analyst: string;
  let viewer: string;
  const data = seeds();
  const now = Date.now();

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    getDatabase.replaceForTests(database);
    analyst = await sessionCookieFor("Analyst", "ana");
    viewer = await sessionCookieFor("Viewer");
    await database.prisma.incident.createMany({
      data: ofTenant(
        [1000, 1001, 1002].map((id) => ({
          id: BigInt(id),
          name: `Multi-stage incident ${id}`,
          status: "Active",
          severity: "High",
          createdTime: new Date(now),
          lastUpdateTime: new Date(now),
        })),
      ),
    });
    await database.prisma.alert.createMany({
      data: ofTenant(
        data.map(({ ageMs, slaInMs, ...s }) => ({
          ...s,
          alertCreationTime: new Date(now - ageMs),
          lastUpdateTime: new Date(now - ageMs / 2),
          slaDueAt: slaInMs === null ? null : new Date(now + slaInMs),
        })),
      ),
    });
    // Evidence and a device with an IP, for the search's hash and IP branches.
    await database.prisma.alertEvidence.createMany({
      data: ofTenant([
        { alertId: data[3].id, ordinal: 0, entityType: "File", sha1: SHA1, sha256: SHA256 },
        { alertId: data[4].id, ordinal: 0, entityType: "Ip", ipAddress: "203.0.113.9" },
      ]),
    });
    await database.prisma.device.create({
      data: {
        ...tenantScope(),
        name: "host-5.contoso.example",
        platform: "Windows",
        mdeMachineId: data[5].machineId,
        lastIpAddress: "10.42.7.1",
      },
    });
  });
  afterAll(async () => {
    await database?.close();
  });

  async function get(
    query: string,
    cookie = analyst,
  ): Promise<{ status: number; body: AlertPage & { error?: { message: string; issues?: { path: string }[] } } }> {
    const res = await callRoute(listRoute, { path: `/api/alerts?${query}`, headers: { cookie } });
    return { status: res.status, body: await res.json() };
  }

  /** Every row of a view, walking the cursor with a small page size. */
  async function all(query: string, limit = 7): Promise<AlertRow[]> {
    const rows: AlertRow[] = [];
    let cursor: string | null = null;
    for (let guard = 0; guard < 100; guard++) {
      const { status, body } = await get(
        `${query}&limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`,
      );
      expect(status, JSON.stringify(body)).toBe(200);
      rows.push(...body.data);
      cursor = body.nextCursor;
      if (!cursor) return rows;
    }
    throw new Error("cursor did not end");
  }

  const recent = data.filter((s) => s.ageMs < 30 * DAY);
  const ids = (rows: { id: string }[]) => rows.map((r) => r.id).sort();

  it("lists the default view (last 30 days, ranked) to Viewers too", async () => {
    const rows = await all("", 10);
    expect(ids(rows)).toEqual(ids(recent));
    const ranks = rows.map((r) => key.priority(r));
    expect(ranks).toEqual([...ranks].sort().reverse());
    expect((await get("", viewer)).status).toBe(200);
  });

  it("ranks the default queue: open before closed, then priority, then SLA time left (breached first), then age", async () => {
    const rows = await all("", 50);
    const firstClosed = rows.findIndex((r) => r.status === "Resolved");
    expect(rows.slice(firstClosed).every((r) => r.status === "Resolved")).toBe(true);
    const open = rows.slice(0, firstClosed);
    expect(open[0].priority).toBe("Critical");
    const high = open.filter((r) => r.priority === "High");
    const dues = high.map((r) => r.slaDueAt!);
    expect(dues).toEqual([...dues].sort());
    expect(Date.parse(dues[0])).toBeLessThan(now); // breached first
  });

  it.each([
    ["severity=High,Low", (s: Seed) => ["High", "Low"].includes(s.severity)],
    ["severity=High&severity=Low", (s: Seed) => ["High", "Low"].includes(s.severity)],
    ["status=New", (s: Seed) => s.status === "New"],
    ["status=New,InProgress&severity=Medium", (s: Seed) => s.status !== "Resolved" && s.severity === "Medium"],
    ["priority=Critical", (s: Seed) => s.priority === "Critical"],
    ["category=Ransomware,Persistence", (s: Seed) => ["Ransomware", "Persistence"].includes(s.category)],
    ["source=WindowsDefenderAv", (s: Seed) => s.detectionSource === "WindowsDefenderAv"],
    ["assignedTo=@me", (s: Seed) => s.assignedTo === ME],
    ["assignedTo=unassigned", (s: Seed) => s.assignedTo === null],
    [
      "assignedTo=bob@contoso.example,unassigned",
      (s: Seed) => s.assignedTo === null || s.assignedTo === "bob@contoso.example",
    ],
    ["technique=T1003.001", (s: Seed) => s.mitreTechniques.includes("T1003.001")],
    ["technique=T1003", () => false], // exact ids: the filter lists the ids present
    ["technique=T1486", (s: Seed) => s.mitreTechniques.includes("T1486")],
    ["q=lsass", (s: Seed) => s.title.toLowerCase().includes("lsass")],
    ["q=HOST-3", (s: Seed) => s.computerDnsName === "host-3.contoso.example"],
    ["q=user4", (s: Seed) => s.relatedUserName === "user4"],
    ["q=100%25", (s: Seed) => s.title.includes("100%")],
    ["q=l_a", (s: Seed) => s.title.includes("l_a")], // `_` is literal: "lsa" in LSASS must not match
    ["incident=1001", (s: Seed) => s.incidentId === BigInt(1001)],
    ["q=DA0007_", (s: Seed) => s.id.startsWith("da0007_")], // an alert id, or part of one
    ["q=1002", (s: Seed) => s.incidentId === BigInt(1002)], // an incident id
    [`q=${SHA1.toUpperCase()}`, (s: Seed) => s.id === "da0003_757"], // a file hash in the evidence (either case)
    [`q=${SHA256}`, (s: Seed) => s.id === "da0003_757"],
    ["q=203.0.113.9", (s: Seed) => s.id === "da0004_676"], // an IP in the evidence
    ["q=10.42.", (s: Seed) => s.machineId === "m5".padEnd(40, "0")], // the start of the device's last IP
    ["device=host-2.contoso.example", (s: Seed) => s.computerDnsName === "host-2.contoso.example"],
    ["title=New%20service%20installed", (s: Seed) => s.title === "New service installed"],
    ["sla=breached", (s: Seed) => s.status !== "Resolved" && s.slaInMs !== null && s.slaInMs < 0],
  ])("filters %s", async (query, keep) => {
    const rows = await all(query);
    expect(ids(rows)).toEqual(ids(recent.filter(keep)));
  });

  it("filters near-breach alerts: open, due within a quarter of their clock", async () => {
    const rows = await all("sla=near");
    // Due in 5 minutes: near for every clock of at least 20 minutes (High 60, Medium 480, Low 4320); not for Critical (15 → 3.75 min).
    const expected = recent.filter(
      (s) => s.status !== "Resolved" && s.slaInMs === 5 * MIN && s.priority !== "Critical",
    );
    expect(ids(rows)).toEqual(ids(expected));
    expect(expected.length).toBeGreaterThan(0);
  });

  it("applies the time range (1 day to 6 months)", async () => {
    expect(ids(await all("range=1d"))).toEqual(ids(data.filter((s) => s.ageMs < DAY)));
    expect(ids(await all("range=90d"))).toEqual(ids(data));
    expect(ids(await all("range=180d"))).toEqual(ids(data));
  });

  const RANK: Record<string, Record<string, number>> = {
    priority: { Critical: 4, High: 3, Medium: 2, Low: 1, Informational: 0 },
    severity: { High: 4, Medium: 3, Low: 2, Informational: 1, UnSpecified: 0 },
    status: { New: 0, InProgress: 1, Resolved: 2 },
  };
  /** The ranking as one comparable string: open first, priority, deadline (none last), oldest first. */
  const deadline = (r: AlertRow) => (r.status === "Resolved" || r.slaDueAt === null ? 9e15 : Date.parse(r.slaDueAt));
  const key: Record<string, (r: AlertRow) => string | number> = {
    priority: (r) =>
      [
        r.status === "Resolved" ? 0 : 1,
        RANK.priority[r.priority],
        String(1e16 - deadline(r)).padStart(17, "0"),
        String(1e16 - Date.parse(r.alertCreationTime)).padStart(17, "0"),
      ].join("|"),
    severity: (r) => RANK.severity[r.severity],
    status: (r) => RANK.status[r.status],
    title: (r) => r.title,
    category: (r) => r.category,
    technique: (r) => r.mitreTechniques[0] ?? "",
    device: (r) => r.computerDnsName ?? "",
    user: (r) => r.userName ?? "",
    source: (r) => r.detectionSource,
    assignedTo: (r) => r.assignedTo ?? "",
    age: (r) => r.alertCreationTime,
    sla: (r) => (r.status === "Resolved" || r.slaDueAt === null ? "9999" : r.slaDueAt),
  };

  it.each(
    Object.keys(key).flatMap(
      (sort) =>
        [
          [sort, "asc"],
          [sort, "desc"],
        ] as const,
    ),
  )("sorts by %s %s across cursor pages without gaps or repeats", async (sort, dir) => {
    const rows = await all(`sort=${sort}&dir=${dir}&range=180d`, 4);
    expect(rows).toHaveLength(data.length);
    expect(new Set(rows.map((r) => r.id)).size).toBe(data.length);
    const sign = dir === "asc" ? 1 : -1;
    for (let i = 1; i < rows.length; i++) {
      const [a, b] = [key[sort](rows[i - 1]), key[sort](rows[i])];
      // Ties are broken by id, in the same direction.
      const cmp = a < b ? -1 : a > b ? 1 : 0;
      if (cmp === 0) expect(rows[i - 1].id < rows[i].id ? 1 : -1).toBe(sign);
      else expect(cmp * sign, `${sort} ${dir} at ${i}: ${a} then ${b}`).toBe(-1);
    }
  });

  it("puts breached alerts first when sorted by SLA", async () => {
    const { body } = await get("sort=sla&status=New,InProgress&limit=3");
    expect(body.data.every((r) => r.slaDueAt !== null && Date.parse(r.slaDueAt) < now)).toBe(true);
  });

  it("sorts by SLA with closed alerts after every open one, whatever their old deadline", async () => {
    const rows = await all("sort=sla", 50);
    const firstClosed = rows.findIndex((r) => r.status === "Resolved");
    expect(firstClosed).toBeGreaterThan(0);
    expect(rows.slice(firstClosed).every((r) => r.status === "Resolved" || r.slaDueAt === null)).toBe(true);
    expect(rows[0].status).not.toBe("Resolved");
  });

  it("counts groups by incident, device and title on the first page", async () => {
    const byIncident = (await get("group=incident")).body.groups!;
    expect(byIncident.map((g) => g.key).sort()).toEqual(["1000", "1001", "1002"]);
    expect(byIncident.reduce((n, g) => n + g.count, 0)).toBe(recent.filter((s) => s.incidentId !== null).length);
    expect(byIncident[0].label).toMatch(/^Multi-stage incident/);
    const byTitle = (await get("group=title&severity=High")).body.groups!;
    expect(byTitle.reduce((n, g) => n + g.count, 0)).toBe(recent.filter((s) => s.severity === "High").length);
    const byCategory = (await get("group=category")).body.groups!;
    expect(byCategory.map((g) => g.key).sort()).toEqual([...new Set(recent.map((s) => s.category))].sort());
    expect(byCategory.reduce((n, g) => n + g.count, 0)).toBe(recent.length);
    const byDevice = (await get("group=device")).body.groups!;
    expect(byDevice[0].count).toBeGreaterThanOrEqual(byDevice[byDevice.length - 1].count);
    expect((await get("group=none")).body.groups).toBeUndefined();
  });

  it.each([
    ["severity=Critical", "severity"],
    ["status=Closed", "status"],
    ["priority=Urgent", "priority"],
    ["range=2y", "range"],
    ["sort=colour", "sort"],
    ["dir=up", "dir"],
    ["group=tenant", "group"],
    ["sla=late", "sla"],
    ["technique=lateral", "technique"],
    ["incident=abc", "incident"],
    ["limit=0", "limit"],
    ["limit=1000", "limit"],
    ["sort=age&sort=title", "sort"],
  ])("answers 400 naming the parameter for %s", async (query, param) => {
    const { status, body } = await get(query);
    expect(status).toBe(400);
    expect(body.error!.issues!.map((i) => i.path.split(".")[1])).toContain(param);
    expect(body.error!.message).toContain(param);
  });

  it("answers 400 to an unknown parameter, naming it", async () => {
    const { status, body } = await get("severty=High");
    expect(status).toBe(400);
    expect(body.error!.message).toContain("severty");
  });

  it("answers 400 to a forged cursor and to a cursor from another sort", async () => {
    expect((await get("cursor=not-a-cursor")).status).toBe(400);
    const first = await get("sort=title&limit=2");
    const reused = await get(`sort=severity&limit=2&cursor=${encodeURIComponent(first.body.nextCursor!)}`);
    expect(reused.status).toBe(400);
    expect(reused.body.error!.issues![0].path).toBe("cursor");
  });

  it("counts breached and near-breach open alerts in the view's range, as many as the breached link lists", async () => {
    const res = await callRoute(slaRoute, { path: "/api/alerts/sla?range=180d", headers: { cookie: viewer } });
    const body = await res.json();
    expect(body.breached).toBe((await all("range=180d&sla=breached&sort=sla")).length);
    const inRange = await callRoute(slaRoute, { path: "/api/alerts/sla?severity=High", headers: { cookie: viewer } });
    expect((await inRange.json()).breached).toBe((await all("severity=High&sla=breached")).length);
    const open = data.filter((s) => s.status !== "Resolved" && s.slaInMs !== null);
    expect(body.breached).toBe(open.filter((s) => s.slaInMs! < 0).length);
    expect(body.nearBreach).toBe(open.filter((s) => s.slaInMs === 5 * MIN && s.priority !== "Critical").length);
  });
});
