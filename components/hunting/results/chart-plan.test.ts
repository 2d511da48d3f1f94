import { describe, expect, it } from "vitest";
import { chartPlanOf, MAX_POINTS, renderClauseOf, type ChartPlan, type ChartPlanResult } from "./chart-plan";

const T = { name: "Timestamp", type: "DateTime" };
const COUNT = { name: "count_", type: "Int64" };
const DEVICE = { name: "DeviceName", type: "String" };
const hour = (h: number) => new Date(Date.UTC(2026, 10, 26, h)).toISOString();
const plan = (r: ChartPlanResult): ChartPlan => {
  if (!r.ok) throw new Error(r.reason);
  return r.plan;
};

describe("chartPlanOf from the result's shape", () => {
  it("draws `summarize count() by bin(Timestamp, 1h)` as a time series, in time order", () => {
    const rows = [2, 0, 1].map((h) => ({ Timestamp: hour(h), count_: h * 10 }));
    const p = plan(chartPlanOf([T, COUNT], rows, "DeviceProcessEvents | summarize count() by bin(Timestamp, 1h)"));
    expect(p).toMatchObject({ kind: "line", xType: "time", source: "shape", series: [{ label: "count_" }] });
    expect(p.data.map((d) => d.x)).toEqual([0, 1, 2].map((h) => Date.parse(hour(h))));
    expect(p.data.map((d) => d.s0)).toEqual([0, 10, 20]);
  });

  it("splits a time series by a text column, one series per device, biggest first, the rest as Other", () => {
    const rows = [];
    for (let d = 0; d < 12; d++)
      for (let h = 0; h < 3; h++) rows.push({ Timestamp: hour(h), DeviceName: `pc-${d}`, count_: d + 1 });
    const p = plan(chartPlanOf([T, DEVICE, COUNT], rows, "… | summarize count() by bin(Timestamp, 1h), DeviceName"));
    expect(p.series.map((s) => s.label)).toEqual([
      "pc-11",
      "pc-10",
      "pc-9",
      "pc-8",
      "pc-7",
      "pc-6",
      "pc-5",
      "pc-4",
      "pc-3",
      "Other",
    ]);
    expect(p.data).toHaveLength(3);
    // Other adds up pc-0, pc-1 and pc-2: 1 + 2 + 3.
    expect(p.data[0][p.series.at(-1)!.key]).toBe(6);
    expect(p.note).toMatch(/3 smaller series/);
  });

  it("draws a text column and a number as bars, keeping the query's order, and offers a pie for few categories", () => {
    const rows = [
      { DeviceName: "b", count_: 5 },
      { DeviceName: "a", count_: 7 },
    ];
    const p = plan(chartPlanOf([DEVICE, COUNT], rows, "… | summarize count() by DeviceName"));
    expect(p).toMatchObject({ kind: "bar", xType: "category", alternatives: ["column", "pie"] });
    expect(p.data).toEqual([
      { x: "b", s0: 5 },
      { x: "a", s0: 7 },
    ]);
  });

  it("does not offer a pie for many categories", () => {
    const rows = Array.from({ length: 20 }, (_, i) => ({ DeviceName: `d${i}`, count_: i }));
    expect(plan(chartPlanOf([DEVICE, COUNT], rows, "")).alternatives).not.toContain("pie");
  });

  it("says why when nothing fits", () => {
    const none = (cols: { name: string; type: string }[], rows: Record<string, unknown>[], q = "") => {
      const r = chartPlanOf(cols, rows, q);
      return r.ok ? "" : r.reason;
    };
    expect(none([T, COUNT], [])).toMatch(/no rows/);
    expect(none([T, DEVICE], [{ Timestamp: hour(1), DeviceName: "a" }])).toMatch(
      /needs a numeric column.*summarize count\(\)/,
    );
    const many = Array.from({ length: MAX_POINTS + 1 }, (_, i) => ({
      Timestamp: new Date(i * 60_000).toISOString(),
      count_: 1,
    }));
    expect(none([T, COUNT], many)).toMatch(/too many to chart/);
  });
});

describe("chartPlanOf from `| render`", () => {
  const rows = [
    { DeviceName: "a", count_: 3 },
    { DeviceName: "b", count_: 4 },
  ];
  it.each([
    ["piechart", "pie"],
    ["columnchart", "column"],
    ["barchart", "bar"],
    ["linechart", "line"],
    ["areachart", "area"],
  ])("render %s → %s", (visualization, kind) => {
    const p = plan(chartPlanOf([DEVICE, COUNT], rows, `T | summarize count() by DeviceName | render ${visualization}`));
    expect(p).toMatchObject({ kind, source: "render" });
  });

  it("takes a timechart's stacking and title, and refuses one without a datetime column", () => {
    const timed = [{ Timestamp: hour(1), count_: 1 }];
    const p = plan(chartPlanOf([T, COUNT], timed, 'T | render timechart with (kind=stacked, title="Per hour")'));
    expect(p).toMatchObject({ kind: "line", stacked: true, title: "Per hour" });
    const r = chartPlanOf([DEVICE, COUNT], rows, "T | render timechart");
    expect(r.ok ? "" : r.reason).toMatch(/needs a datetime column/);
  });

  it("charts scatterchart points as they are, x against y", () => {
    const cols = [
      { name: "x", type: "Double" },
      { name: "y", type: "Int32" },
    ];
    const p = plan(
      chartPlanOf(
        cols,
        [
          { x: 1.5, y: 2 },
          { x: 0.5, y: 1 },
        ],
        "T | render scatterchart",
      ),
    );
    expect(p).toMatchObject({
      kind: "scatter",
      xType: "number",
      data: [
        { x: 1.5, s0: 2 },
        { x: 0.5, s0: 1 },
      ],
    });
  });

  it("says which visualizations it does not draw", () => {
    const r = chartPlanOf([DEVICE, COUNT], rows, "T | render treemap");
    expect(r.ok ? "" : r.reason).toMatch(/treemap/);
  });
});

describe("renderClauseOf", () => {
  it("ignores render inside comments and strings and takes the last one", () => {
    expect(renderClauseOf('T | where x == "| render piechart" // | render barchart\n| render columnchart')).toEqual({
      visualization: "columnchart",
      stacked: false,
    });
    expect(renderClauseOf("T | take 1")).toBeNull();
  });
  it("reads a title holding parentheses or quotes of the other kind", () => {
    expect(renderClauseOf("T | render barchart with (title='Logons (failed)', kind=stacked)")).toEqual({
      visualization: "barchart",
      stacked: true,
      title: "Logons (failed)",
    });
  });
});
