import { createElement } from "react";

// Axis, grid, legend and tooltip styling shared by every chart; colours come from CSS variables so dark mode follows.
export const AXIS_TICK = { fill: "currentColor", fontSize: 11 } as const;
export const GRID_STROKE = "var(--chart-grid)";
export const TOOLTIP_STYLE = {
  contentStyle: {
    background: "var(--chart-tooltip-bg)",
    border: "1px solid var(--chart-grid)",
    borderRadius: 6,
    color: "var(--chart-tooltip-fg)",
    fontSize: 12,
  },
  labelStyle: { color: "var(--chart-tooltip-fg)", fontWeight: 600 },
  itemStyle: { color: "var(--chart-tooltip-fg)" },
} as const;

/** The legend of a chart with more than one series: its labels in the page's text colour, in series order. */
export const LEGEND_PROPS = {
  wrapperStyle: { fontSize: 12 },
  itemSorter: null,
  formatter: (value: string) => createElement("span", { className: "text-slate-700 dark:text-slate-200" }, value),
} as const;

/** "2026-11-26" → "26 Nov", the axis label of a daily point. */
export function shortDay(day: string): string {
  return new Date(`${day}T00:00:00Z`).toLocaleDateString("en-GB", { day: "numeric", month: "short", timeZone: "UTC" });
}

/** Dense lines go without dots, except a series with a single value: with no neighbour, its line has no length and
 * only a dot can show it (a new remediation burndown has only today's sample). */
export function showsDots(data: readonly Record<string, unknown>[], key: string): boolean {
  return data.length <= 14 || data.filter((d) => d[key] !== null && d[key] !== undefined).length < 2;
}

/** The value axis of a chart whose figures are not small counts (averages, millions of events). */
export interface ValueAxisSpec {
  decimals: boolean;
  tick?: (value: number) => string;
  width?: number;
}

const compact = new Intl.NumberFormat("en", { notation: "compact", maximumFractionDigits: 1 });

/** "1.2K", "3.4M", "0.5": axis ticks that fit a narrow axis whatever the magnitude. */
export function compactNumber(value: number): string {
  return compact.format(value);
}
