import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { availableTestDatabases, createTestDatabase, type TestDatabase } from "../db/testing";
import { getDatabase } from "../db";
import { callRoute, sessionCookieFor } from "../auth/testing";
import { GET as listRoute } from "@/app/api/devices/route";
import { GET as exportRoute } from "@/app/api/devices/export/route";
import type { DevicePage } from "./schemas";

// The inventory through its routes on a real database: every quick filter, column filters, search by name, IP
// and user, sorting with keyset paging, and a CSV export that holds exactly the filtered rows.

const kinds = await availableTestDatabases();
const NOW = Date.now();
const daysAgo = (n: number) => new Date(NOW - n * 86_400_000);

const DEVICES = [
  {
    id: "d01",
    name: "fin-lt-0001.contoso.example",
    platform: "Windows",
    inMde: true,
    inIntune: true,
    riskScore: "High",
    healthStatus: "Active",
    onboardingStatus: "Onboarded",
    lastSeen: daysAgo(0),
    complianceState: "noncompliant",
    rbacGroupName: "Finance",
    machineTags: ["VIP"],
    lastIpAddress: "10.1.0.11",
    primaryUserUpn: "alice@contoso.example",
  },
  {
    id: "d02",
    name: "fin-lt-0002.contoso.example",
    platform: "Windows",
    inMde: true,
    inIntune: true,
    riskScore: "Medium",
    healthStatus: "Inactive",
    onboardingStatus: "Onboarded",
    lastSeen: daysAgo(20),
    complianceState: "compliant",
    rbacGroupName: "Finance",
    machineTags: [],
    lastIpAddress: "10.1.0.12",
    primaryUserUpn: "bob@contoso.example",
  },
  {
    id: "d03",
    name: "eng-mac-0003.contoso.example",
    platform: "macOS",
    inMde: true,
    inIntune: true,
    riskScore: "High",
    healthStatus: "Active",
    onboardingStatus: "onboarded",
    lastSeen: daysAgo(9),
    complianceState: "compliant",
    rbacGroupName: "Engineering",
    machineTags: ["Pilot ring"],
    lastIpAddress: "10.2.0.3",
    primaryUserUpn: "carol@contoso.example",
  },
  {
    id: "d04",
    name: "srv-sql-0004.contoso.example",
    platform: "Linux",
    inMde: true,
    inIntune: false,
    riskScore: "Low",
    healthStatus: "Active",
    onboardingStatus: "Onboarded",
    lastSeen: daysAgo(0),
    complianceState: null,
    rbacGroupName: "Servers - Production",
    machineTags: ["Tier0"],
    lastIpAddress: "10.9.0.4",
    primaryUserUpn: null,
    isolationState: "Isolated",
  },
  {
    id: "d05",
    name: "mob-iph-0005",
    platform: "iOS",
    inMde: false,
    inIntune: true,
    riskScore: null,
    healthStatus: null,
    onboardingStatus: null,
    lastSeen: null,
    complianceState: "noncompliant",
    rbacGroupName: null,
    machineTags: [],
    lastIpAddress: null,
    primaryUserUpn: "alice@contoso.example",
  },
  {
    id: "d06",
    name: "hr-lt-0006.contoso.example",
    platform: "Windows",
    inMde: true,
    inIntune: true,
    riskScore: "High",
    healthStatus: "Active",
    onboardingStatus: "CanBeOnboarded",
    lastSeen: daysAgo(1),
    complianceState: "compliant",
    rbacGroupName: "Human Resources",
    machineTags: ["VIP", "Contractor"],
    lastIpAddress: "10.4.0.6",
    primaryUserUpn: "dave@contoso.example",
  },
];

describe.each(kinds)("device inventory on %s", (kind) => {
  let database: TestDatabase;
  let cookie: string;

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    getDatabase.replaceForTests(database);
    cookie = await sessionCookieFor("Viewer");
    await database.prisma.device.createMany({
      data: DEVICES.map((d, i) => ({
        ...d,
        mdeMachineId: d.inMde ? `m${i}` : null,
        openAlerts: i,
        vulnCritical: i % 3,
        vulnHigh: i,
      })),
    });
  });
  afterAll(async () => {
    await database?.close();
  });

  const list = async (qs: string) => {
    const res = await callRoute(listRoute, { path: `/api/devices?${qs}`, headers: { cookie } });
    expect(res.status, await res.clone().text()).toBe(200);
    return (await res.json()) as DevicePage;
  };
  const names = async (qs: string) => (await list(qs)).data.map((d) => d.id);

  it.each([
    ["", ["d03", "d01", "d02", "d06", "d05", "d04"]],
    ["flag=highRisk", ["d03", "d01", "d06"]],
    ["flag=inactive", ["d03", "d02"]],
    ["flag=notOnboarded", ["d06", "d05"]],
    ["flag=nonCompliant", ["d01", "d05"]],
    ["flag=isolated", ["d04"]],
    ["flag=highRisk,nonCompliant", ["d01"]],
    ["platform=windows", ["d01", "d02", "d06"]],
    ["platform=mobile", ["d05"]],
    ["onboarding=Onboarded", ["d03", "d01", "d02", "d04"]],
    ["group=Finance&risk=High", ["d01"]],
    ["tag=VIP", ["d01", "d06"]],
    ["q=alice", ["d01", "d05"]],
    ["q=10.1.0.1", ["d01", "d02"]],
    ["q=SQL", ["d04"]],
  ])("?%s → the matching devices", async (qs, expected) => {
    const page = await list(qs);
    expect(page.data.map((d) => d.id).sort()).toEqual([...expected].sort());
    expect(page.total).toBe(expected.length);
  });

  it("sorts by any column and pages by keyset without repeats", async () => {
    expect(await names("sort=name")).toEqual(["d03", "d01", "d02", "d06", "d05", "d04"]);
    const byRisk = await list("sort=risk&limit=2");
    expect(byRisk.data.map((d) => d.riskScore)).toEqual(["High", "High"]);
    const seen = [...byRisk.data.map((d) => d.id)];
    let cursor = byRisk.nextCursor;
    while (cursor) {
      const next = await list(`sort=risk&limit=2&cursor=${encodeURIComponent(cursor)}`);
      seen.push(...next.data.map((d) => d.id));
      cursor = next.nextCursor;
    }
    expect(seen).toHaveLength(6);
    expect(new Set(seen).size).toBe(6);
    expect(seen.slice(-1)).toEqual(["d05"]); // no risk score sorts last
    expect((await names("sort=vulnerabilities&dir=desc"))[0]).toBe("d06");
  });

  it("sorts names regardless of case (Intune's DEV-LT-… among Defender's lower case), paging included", async () => {
    await database.prisma.device.createMany({
      data: [
        { id: "u01", name: "GA-LT-0007", platform: "Windows", inIntune: true },
        { id: "u02", name: "ENG-LT-0008", platform: "Windows", inIntune: true },
      ],
    });
    try {
      const expected = ["u02", "d03", "d01", "d02", "u01", "d06", "d05", "d04"];
      expect(await names("sort=name")).toEqual(expected);
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page: DevicePage = await list(
          `sort=name&limit=3${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`,
        );
        seen.push(...page.data.map((d) => d.id));
        cursor = page.nextCursor;
      } while (cursor);
      expect(seen).toEqual(expected);
      expect(await names("sort=name&dir=desc")).toEqual([...expected].reverse());
    } finally {
      await database.prisma.device.deleteMany({ where: { id: { in: ["u01", "u02"] } } });
    }
  });

  it("refuses an unknown parameter and a cursor made for another sort", async () => {
    const bad = await callRoute(listRoute, { path: "/api/devices?risk=Severe", headers: { cookie } });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.issues[0].path).toBe("query.risk.0");
    expect((await callRoute(listRoute, { path: "/api/devices?colour=red", headers: { cookie } })).status).toBe(400);
    const first = await list("sort=name&limit=2");
    const wrong = await callRoute(listRoute, {
      path: `/api/devices?sort=risk&cursor=${encodeURIComponent(first.nextCursor!)}`,
      headers: { cookie },
    });
    expect(wrong.status).toBe(400);
  });

  it("exports exactly the filtered rows to CSV, in the view's order", async () => {
    const res = await callRoute(exportRoute, {
      path: "/api/devices/export?flag=highRisk&sort=name",
      headers: { cookie },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/text\/csv/);
    const lines = (await res.text()).replaceAll('"', "").trim().split("\r\n");
    expect(lines[0].split(",").slice(0, 3)).toEqual(["id", "name", "platform"]);
    expect(lines.slice(1).map((l) => l.split(",")[0])).toEqual(["d03", "d01", "d06"]);
    const vip = lines.find((l) => l.startsWith("d06,"))!;
    expect(vip).toContain("VIP;Contractor");
    const all = await callRoute(exportRoute, { path: "/api/devices/export", headers: { cookie } });
    expect((await all.text()).trim().split("\r\n")).toHaveLength(DEVICES.length + 1);
  });
});
