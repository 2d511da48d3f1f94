import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../db/testing";
import { getDatabase } from "../db";
import type { Actor } from "../auth/actor";
import { permissionsOf } from "../auth/permissions";
import { runSync } from "../sync/engine";
import { startTestTenant, type TestTenant } from "../sync/testing";
import { listActions } from "../actions";
import { ActionFilter } from "../actions/schemas";
import { listAlerts } from "../alerts";
import { AlertView } from "../alerts/schemas";
import { listDevices } from "../devices";
import { DeviceView } from "../devices/schemas";
import { listIncidents } from "../incidents";
import { IncidentView } from "../incidents/schemas";
import { queryRecord } from "../http/query-params";
import { overviewFigures } from ".";

// The overview's promise on a synced simulated tenant: each tile's number is the number of rows the list behind
// its link shows, walked page by page as "Load more" would.

const manager: Actor = {
  type: "user",
  id: "overview-manager",
  name: "manager@contoso.example",
  roles: ["Manager"],
  permissions: permissionsOf(["Manager"]),
};

/** Every row of a cursor-paged list. */
async function walk(page: (cursor?: string) => Promise<{ data: unknown[]; nextCursor: string | null }>) {
  let rows = 0;
  let cursor: string | undefined;
  do {
    const p = await page(cursor);
    rows += p.data.length;
    cursor = p.nextCursor ?? undefined;
  } while (cursor);
  return rows;
}

describe("overview tiles", () => {
  let tenant: TestTenant;
  let database: TestDatabase;

  beforeAll(async () => {
    tenant = await startTestTenant({ seed: "overview", devices: 20, alerts: 80 });
    database = await createTestDatabase("pglite");
    getDatabase.replaceForTests(database);
    await runSync({ db: database.prisma, sources: tenant.sources(), full: true });
  });
  afterAll(async () => {
    await database?.close();
    await tenant?.close();
  });

  it("count exactly the rows of the lists they open", async () => {
    const now = new Date();
    const { sections } = await overviewFigures(manager, now);
    const tiles = sections.flatMap((s) => s.tiles);
    expect(tiles.length).toBeGreaterThanOrEqual(9);
    expect(tiles.some((t) => t.value > 0)).toBe(true);
    for (const tile of tiles) {
      const url = new URL(tile.href, "http://console");
      const query = queryRecord(url.searchParams);
      const limit = 7; // small pages, so the walk crosses page boundaries
      const rows =
        url.pathname === "/alerts"
          ? await walk((cursor) => listAlerts(manager, AlertView.parse(query), { cursor, limit, now }))
          : url.pathname === "/incidents"
            ? await walk((cursor) => listIncidents(manager, IncidentView.parse(query), { cursor, limit }))
            : url.pathname === "/devices"
              ? await walk((cursor) => listDevices(DeviceView.parse(query), { cursor, limit, now }))
              : await walk((cursor) => listActions(ActionFilter.parse(query), { cursor, limit }));
      expect(rows, `${tile.id} → ${tile.href}`).toBe(tile.value);
    }
  });
});
