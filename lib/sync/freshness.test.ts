import { describe, expect, it } from "vitest";
import { cacheFreshness, cadenceOf, entityLevel } from "./freshness";

const MIN = 60_000;
const cadence = { intervalMs: 5 * MIN, tvmRefreshMs: 240 * MIN, scoresRefreshMs: 60 * MIN };
const now = Date.parse("2026-12-05T12:00:00Z");
const ago = (minutes: number) => new Date(now - minutes * MIN).toISOString();
const row = (entity: string, minutesAgo: number | null, lastError: string | null = null) => ({
  entity,
  lastSuccessAt: minutesAgo === null ? null : ago(minutesAgo),
  lastError,
});

describe("cadenceOf", () => {
  it("gives each entity its own cadence from the configuration", () => {
    expect(cadenceOf("alerts", cadence)).toBe(5 * MIN);
    expect(cadenceOf("deviceVulnerabilities", cadence)).toBe(245 * MIN);
    expect(cadenceOf("scores", cadence)).toBe(65 * MIN);
    expect(cadenceOf("alerts", { ...cadence, intervalMs: 0 })).toBeNull();
  });
});

describe("entityLevel", () => {
  it("is fresh within two cadences, overdue beyond, stale beyond six, failing on an error", () => {
    expect(entityLevel(row("alerts", 9), 5 * MIN, now)).toBe("fresh");
    expect(entityLevel(row("alerts", 11), 5 * MIN, now)).toBe("overdue");
    expect(entityLevel(row("alerts", 31), 5 * MIN, now)).toBe("stale");
    expect(entityLevel(row("alerts", 1, "HTTP 403"), 5 * MIN, now)).toBe("failing");
    expect(entityLevel(row("alerts", null), 5 * MIN, now)).toBe("never");
    expect(entityLevel(row("alerts", 600), null, now)).toBe("fresh"); // no scheduler: nothing is due
  });
});

describe("cacheFreshness (B15)", () => {
  const synced = [row("alerts", 0), row("incidents", 0), row("machines", 1), row("machineActions", 0)];

  it("is green just after a sync although the vulnerability data is hours old, and says when the sync ran", () => {
    const f = cacheFreshness([...synced, row("deviceVulnerabilities", 200), row("scores", 50)], cadence, now);
    expect(f.tone).toBe("green");
    expect(f.syncedAt).toBe(ago(1)); // not the 200-minute-old TVM pass
    expect(f.late).toEqual([]);
  });

  it("turns amber when one entity is overdue for its own cadence, and lists it", () => {
    const f = cacheFreshness([...synced, row("deviceVulnerabilities", 600)], cadence, now);
    expect(f.tone).toBe("amber");
    expect(f.late.map((e) => [e.entity, e.level])).toEqual([["deviceVulnerabilities", "overdue"]]);
  });

  it("turns red when an entity fails or is badly overdue, however fresh the others", () => {
    expect(cacheFreshness([...synced, row("scores", 5, "HTTP 429")], cadence, now).tone).toBe("red");
    const stale = cacheFreshness([row("alerts", 45), ...synced.slice(1)], cadence, now);
    expect(stale.tone).toBe("red");
    expect(stale.syncedAt).toBe(ago(45));
  });

  it("is amber and not synced before the first pass", () => {
    expect(cacheFreshness([], cadence, now)).toMatchObject({ tone: "amber", syncedAt: null });
    expect(cacheFreshness([row("alerts", null)], cadence, now)).toMatchObject({ tone: "amber", syncedAt: null });
  });
});
