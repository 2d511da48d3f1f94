import { describe, expect, it } from "vitest";
import { burndown, isOverdue, scoreTrend, secureScorePercent, topN, windowStart } from "./series";

describe("scoreTrend", () => {
  const points = [
    { day: "2026-11-20", score: 40 },
    { day: "2026-11-26", score: 31.24 },
    { day: "2026-10-01", score: 70 }, // outside a 7- or 30-day window
    { day: "2026-11-23", score: 35 },
  ];

  it("keeps the window's points oldest first, with now and the change since the window's first point", () => {
    expect(scoreTrend(points, "2026-11-26", 7)).toEqual({
      now: 31.2,
      change: -8.8, // 31.24 - 40
      trend: [
        { day: "2026-11-20", score: 40 },
        { day: "2026-11-23", score: 35 },
        { day: "2026-11-26", score: 31.2 },
      ],
    });
  });

  it("a 7-day window starts six days back (today counts)", () => {
    expect(windowStart("2026-11-26", 7)).toBe("2026-11-20");
    expect(scoreTrend(points, "2026-11-25", 7).trend.map((p) => p.day)).toEqual(["2026-11-20", "2026-11-23"]);
  });

  it("has no change with a single point and nothing at all without points", () => {
    expect(scoreTrend([{ day: "2026-11-26", score: 10 }], "2026-11-26", 30)).toEqual({
      now: 10,
      change: null,
      trend: [{ day: "2026-11-26", score: 10 }],
    });
    expect(scoreTrend([], "2026-11-26", 30)).toEqual({ now: null, change: null, trend: [] });
  });

  it("a 365-day window reaches back to October", () => {
    expect(scoreTrend(points, "2026-11-26", 365).change).toBeCloseTo(-38.8);
  });
});

describe("topN", () => {
  const software = [
    { id: "b-_-chrome", v: 12 },
    { id: "a-_-edge", v: 12 },
    { id: "c-_-zoom", v: 30 },
    { id: "d-_-clean", v: 0 },
    { id: "e-_-java", v: 5 },
  ];

  it("ranks by score, breaks ties by id and leaves out zeros", () => {
    expect(
      topN(
        software,
        3,
        (s) => s.v,
        (s) => s.id,
      ).map((s) => s.id),
    ).toEqual(["c-_-zoom", "a-_-edge", "b-_-chrome"]);
    expect(
      topN(
        software,
        10,
        (s) => s.v,
        (s) => s.id,
      ),
    ).toHaveLength(4);
  });
});

describe("burndown", () => {
  it("draws the last sample at or before each day against a straight line to zero on the due day", () => {
    const points = burndown(
      [
        { day: "2026-11-20", exposedDevices: 10 },
        { day: "2026-11-22", exposedDevices: 6 },
        { day: "2026-11-23", exposedDevices: 5 },
      ],
      "2026-11-20",
      "2026-11-25",
      10,
      "2026-11-23",
    );
    expect(points).toEqual([
      { day: "2026-11-20", exposed: 10, ideal: 10 },
      { day: "2026-11-21", exposed: 10, ideal: 8 }, // no sync that day: carried forward
      { day: "2026-11-22", exposed: 6, ideal: 6 },
      { day: "2026-11-23", exposed: 5, ideal: 4 },
      { day: "2026-11-24", exposed: null, ideal: 2 }, // the future
      { day: "2026-11-25", exposed: null, ideal: 0 },
    ]);
  });

  it("runs past the due day while the request is late, up to today", () => {
    const points = burndown(
      [
        { day: "2026-11-01", exposedDevices: 4 },
        { day: "2026-11-05", exposedDevices: 3 },
      ],
      "2026-11-01",
      "2026-11-03",
      4,
      "2026-11-05",
    );
    expect(points.map((p) => [p.day, p.exposed, p.ideal])).toEqual([
      ["2026-11-01", 4, 4],
      ["2026-11-02", 4, 2],
      ["2026-11-03", 4, 0],
      ["2026-11-04", 4, 0],
      ["2026-11-05", 3, 0],
    ]);
  });

  it("is overdue only past the due day with devices still exposed", () => {
    expect(isOverdue("2026-11-25", 3, "2026-11-26")).toBe(true);
    expect(isOverdue("2026-11-26", 3, "2026-11-26")).toBe(false);
    expect(isOverdue("2026-11-25", 0, "2026-11-26")).toBe(false);
  });
});

describe("secureScorePercent", () => {
  it("turns points into a percentage of the 1000-point maximum and keeps percentages", () => {
    expect(secureScorePercent(540)).toBe(54);
    expect(secureScorePercent(62.5)).toBe(62.5);
  });
});
