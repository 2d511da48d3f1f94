import type { HuntingColumn, HuntingRow } from "./result-types";
import { kindOf, toEpoch, toNumber } from "./values";

// Which chart a result gets: the query's own `| render <visualization>` when it has one (Kusto's "render
// operator" page lists the visualizations), else the result's shape, as Defender's portal does — one datetime
// column and numbers make a time series (`summarize count() by bin(Timestamp, 1h)`), a text column and numbers
// make bars. When nothing fits, the plan says why, in words a reader can act on.

export type ChartKind = "line" | "area" | "column" | "bar" | "pie" | "scatter";

export interface ChartSeries {
  key: string;
  label: string;
}

export interface ChartPlan {
  kind: ChartKind;
  /** The x-axis key in `data`: epoch milliseconds for time, the category text, or a number. */
  x: string;
  xType: "time" | "category" | "number";
  series: ChartSeries[];
  data: Record<string, string | number | null>[];
  stacked: boolean;
  /** Where the choice came from. */
  source: "render" | "shape";
  /** Other kinds that suit the same data (the reader may switch). */
  alternatives: ChartKind[];
  title?: string;
  /** Anything left out ("12 more series as Other"). */
  note?: string;
}

export type ChartPlanResult = { ok: true; plan: ChartPlan } | { ok: false; reason: string };

/** Points a chart can draw before it stops being readable (and Recharts stops being quick). */
export const MAX_POINTS = 5_000;
export const MAX_SERIES = 10;
export const MAX_CATEGORIES = 50;
const PIE_MAX_SLICES = 8;
export const OTHER = "Other";

const RENDER_KINDS: Record<string, { kind: ChartKind; stacked?: boolean; needsTime?: boolean }> = {
  timechart: { kind: "line", needsTime: true },
  linechart: { kind: "line" },
  anomalychart: { kind: "line", needsTime: true },
  areachart: { kind: "area", stacked: true },
  stackedareachart: { kind: "area", stacked: true },
  barchart: { kind: "bar" },
  columnchart: { kind: "column" },
  piechart: { kind: "pie" },
  scatterchart: { kind: "scatter" },
};

export interface RenderClause {
  visualization: string;
  stacked: boolean;
  title?: string;
}

/** The query's last `| render <visualization> [with (…)]`, ignoring comments and string literals. */
export function renderClauseOf(query: string): RenderClause | null {
  // Blank out comments and the inside of string literals, keeping every offset, so a "| render" inside a string
  // does not count while the `with (title="…")` text can still be read from the query at the same offsets.
  const blank = (s: string) => s.replace(/[^\n]/g, " ");
  const code = query.replace(/"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|\/\/[^\n]*/g, (s) =>
    s.startsWith("//") ? blank(s) : s[0] + blank(s.slice(1, -1)) + s[0],
  );
  const matches = [...code.matchAll(/\|\s*render\s+([a-z]+)(\s+with\s*\([^)]*\))?/gi)];
  const last = matches.at(-1);
  if (!last) return null;
  const props = last[2] ? query.slice(last.index + last[0].length - last[2].length, last.index + last[0].length) : "";
  const kind = /\bkind\s*=\s*(\w+)/i.exec(props)?.[1]?.toLowerCase();
  const title = /\btitle\s*=\s*(?:"([^"]*)"|'([^']*)')/i.exec(props);
  return {
    visualization: last[1].toLowerCase(),
    stacked: kind === "stacked" || kind === "stacked100",
    ...(title ? { title: title[1] ?? title[2] } : {}),
  };
}

export function chartPlanOf(columns: HuntingColumn[], rows: HuntingRow[], query: string): ChartPlanResult {
  if (rows.length === 0) return { ok: false, reason: "The query returned no rows, so there is nothing to chart." };
  const render = renderClauseOf(query);
  const wanted = render ? RENDER_KINDS[render.visualization] : undefined;
  if (render && !wanted)
    return {
      ok: false,
      reason: `The query asks to render a ${render.visualization}, which the console does not draw; the table shows the result.`,
    };

  const times = columns.filter((c) => kindOf(c.type) === "datetime");
  const numbers = columns.filter((c) => kindOf(c.type) === "number");
  const texts = columns.filter((c) => ["string", "boolean"].includes(kindOf(c.type)));
  if (numbers.length === 0)
    return {
      ok: false,
      reason:
        "A chart needs a numeric column. Summarize first, e.g. `| summarize count() by bin(Timestamp, 1h)` or `| summarize count() by DeviceName`.",
    };

  const source = render ? "render" : "shape";
  const title = render?.title;

  if (wanted?.kind === "scatter") {
    const x = times[0] ?? numbers[0];
    const ys = numbers.filter((c) => c !== x);
    if (ys.length === 0)
      return { ok: false, reason: "A scatter chart needs two numeric columns (or a datetime and a number)." };
    return capped(xyPlan("scatter", x, ys, texts[0], rows, false, source, title));
  }

  if (wanted?.needsTime && !times[0])
    return {
      ok: false,
      reason: `render ${render!.visualization} needs a datetime column for its x-axis; the result has none.`,
    };

  // A time series: a datetime x-axis, the numbers as series, or one series per value of a text column.
  if (times[0] && (!wanted || ["line", "area", "column"].includes(wanted.kind))) {
    const kind = wanted?.kind ?? "line";
    return capped(
      xyPlan(kind, times[0], numbers, texts[0], rows, wanted?.stacked ?? render?.stacked ?? false, source, title),
    );
  }

  // Categories: the first text column (or the first column when render names an x-axis Kusto would take first).
  const category = texts[0] ?? (wanted ? columns.find((c) => !numbers.includes(c)) : undefined);
  if (!category)
    return {
      ok: false,
      reason: "The result has numbers but no datetime or text column to plot them against; try `render scatterchart`.",
    };
  const values = numbers.slice(0, MAX_SERIES);
  const kind = wanted?.kind === "line" || wanted?.kind === "area" ? wanted.kind : (wanted?.kind ?? "bar");
  return categoryPlan(kind, category, values, rows, render?.stacked ?? false, source, title);
}

function capped(plan: ChartPlanResult): ChartPlanResult {
  if (plan.ok && plan.plan.data.length > MAX_POINTS)
    return {
      ok: false,
      reason: `${plan.plan.data.length.toLocaleString("en")} points are too many to chart (at most ${MAX_POINTS.toLocaleString("en")}). Summarize into bins first, e.g. \`| summarize count() by bin(Timestamp, 1h)\`.`,
    };
  return plan;
}

/** Points along x (time or number) with one key per series; a text column splits one numeric column into series. */
function xyPlan(
  kind: ChartKind,
  x: HuntingColumn,
  numbers: HuntingColumn[],
  splitBy: HuntingColumn | undefined,
  rows: HuntingRow[],
  stacked: boolean,
  source: "render" | "shape",
  title: string | undefined,
): ChartPlanResult {
  const xType = kindOf(x.type) === "datetime" ? "time" : "number";
  const xOf = (row: HuntingRow) => (xType === "time" ? toEpoch(row[x.name]) : toNumber(row[x.name]));
  const ys = numbers.filter((c) => c !== x);
  if (ys.length === 0) return { ok: false, reason: `Nothing numeric to plot against ${x.name}.` };

  let series: ChartSeries[];
  let note: string | undefined;
  const points = new Map<number, Record<string, string | number | null>>();
  const point = (at: number) => {
    let p = points.get(at);
    if (!p) points.set(at, (p = { [X_KEY]: at }));
    return p;
  };

  if (splitBy && ys.length === 1 && kind !== "scatter") {
    // One series per value of the text column, the biggest first; the rest add up under "Other".
    const y = ys[0];
    const totals = new Map<string, number>();
    for (const row of rows) {
      const name = seriesName(row[splitBy.name]);
      totals.set(name, (totals.get(name) ?? 0) + Math.abs(toNumber(row[y.name]) ?? 0));
    }
    const ranked = [...totals.keys()].sort((a, b) => totals.get(b)! - totals.get(a)! || (a < b ? -1 : 1));
    const kept = new Set(ranked.length > MAX_SERIES ? ranked.slice(0, MAX_SERIES - 1) : ranked);
    if (ranked.length > MAX_SERIES) note = `${ranked.length - kept.size} smaller series are added up as "${OTHER}".`;
    const keyOf = new Map<string, string>();
    series = [];
    for (const name of ranked.filter((n) => kept.has(n)).concat(ranked.length > MAX_SERIES ? [OTHER] : [])) {
      const key = `s${series.length}`;
      keyOf.set(name, key);
      series.push({ key, label: name });
    }
    for (const row of rows) {
      const at = xOf(row);
      const value = toNumber(row[y.name]);
      if (at === null || value === null) continue;
      const name = seriesName(row[splitBy.name]);
      const key = keyOf.get(kept.has(name) ? name : OTHER)!;
      const p = point(at);
      p[key] = ((p[key] as number | null) ?? 0) + value;
    }
  } else {
    const kept = ys.slice(0, MAX_SERIES);
    if (ys.length > kept.length) note = `Showing the first ${MAX_SERIES} of ${ys.length} numeric columns.`;
    series = kept.map((c, i) => ({ key: `s${i}`, label: c.name }));
    if (kind === "scatter") {
      const data = rows.flatMap((row) => {
        const at = xOf(row);
        return at === null
          ? []
          : [Object.fromEntries([[X_KEY, at], ...kept.map((c, i) => [`s${i}`, toNumber(row[c.name])])])];
      });
      return {
        ok: true,
        plan: { kind, x: X_KEY, xType, series, data, stacked: false, source, alternatives: [], title, note },
      };
    }
    for (const row of rows) {
      const at = xOf(row);
      if (at === null) continue;
      const p = point(at);
      kept.forEach((c, i) => {
        const value = toNumber(row[c.name]);
        if (value !== null) p[`s${i}`] = ((p[`s${i}`] as number | null) ?? 0) + value;
      });
    }
  }
  if (points.size === 0) return { ok: false, reason: `No row has a usable ${x.name} value.` };
  const data = [...points.values()].sort((a, b) => (a[X_KEY] as number) - (b[X_KEY] as number));
  for (const p of data) for (const s of series) if (!(s.key in p)) p[s.key] = null;
  const alternatives = (["line", "area", "column"] as ChartKind[]).filter((k) => k !== kind);
  return { ok: true, plan: { kind, x: X_KEY, xType, series, data, stacked, source, alternatives, title, note } };
}

function categoryPlan(
  kind: ChartKind,
  category: HuntingColumn,
  values: HuntingColumn[],
  rows: HuntingRow[],
  stacked: boolean,
  source: "render" | "shape",
  title: string | undefined,
): ChartPlanResult {
  const series = values.map((c, i) => ({ key: `s${i}`, label: c.name }));
  // Rows with the same category add up (a `summarize … by A, B` charted by A alone); the query's order is kept.
  const byCategory = new Map<string, Record<string, string | number | null>>();
  for (const row of rows) {
    const name = seriesName(row[category.name]);
    let p = byCategory.get(name);
    if (!p) byCategory.set(name, (p = { [X_KEY]: name, ...Object.fromEntries(series.map((s) => [s.key, null])) }));
    values.forEach((c, i) => {
      const value = toNumber(row[c.name]);
      if (value !== null) p[`s${i}`] = ((p[`s${i}`] as number | null) ?? 0) + value;
    });
  }
  let data = [...byCategory.values()];
  let note: string | undefined;
  const limit = kind === "pie" ? PIE_MAX_SLICES * 2 : MAX_CATEGORIES;
  if (data.length > limit) {
    note = `Showing the first ${limit} of ${data.length} ${category.name} values, in the query's order.`;
    data = data.slice(0, limit);
  }
  const pieFits =
    series.length === 1 && data.length <= PIE_MAX_SLICES && data.every((d) => ((d.s0 as number | null) ?? 0) >= 0);
  if (kind === "pie" && series.length > 1) note = `A pie shows one number; showing ${series[0].label}.`;
  const alternatives = (["bar", "column", ...(pieFits ? ["pie"] : [])] as ChartKind[]).filter((k) => k !== kind);
  return {
    ok: true,
    plan: {
      kind,
      x: X_KEY,
      xType: "category",
      series: kind === "pie" ? series.slice(0, 1) : series,
      data,
      stacked,
      source,
      alternatives,
      title,
      note,
    },
  };
}

const X_KEY = "x";

function seriesName(value: unknown): string {
  if (value === null || value === undefined || value === "") return "(empty)";
  return typeof value === "object" ? JSON.stringify(value) : String(value);
}
