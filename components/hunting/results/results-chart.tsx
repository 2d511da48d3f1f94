"use client";

import { useState } from "react";
import { CartesianGrid, Legend, ResponsiveContainer, Scatter, ScatterChart, Tooltip, XAxis, YAxis } from "recharts";
import { CategoryBarChart } from "@/components/charts/category-bar-chart";
import { CategoryPieChart } from "@/components/charts/category-pie-chart";
import {
  AXIS_TICK,
  GRID_STROKE,
  LEGEND_PROPS,
  TOOLTIP_STYLE,
  compactNumber,
  shortDay,
  type ValueAxisSpec,
} from "@/components/charts/chart-theme";
import { SERIES_COLORS } from "@/components/charts/palette";
import { TimeSeriesChart, type Series, type XAxisSpec } from "@/components/charts/time-series-chart";
import { SegmentedButtons } from "@/components/ui/segmented-buttons";
import { formatUtc } from "@/lib/time";
import { OTHER, type ChartKind, type ChartPlan } from "./chart-plan";

// Two more colours after the shared Okabe–Ito palette (Paul Tol's "muted" wine and teal, also colour-blind safe),
// and grey for the "Other" series, so ten series never repeat a colour.
const MORE_COLORS = ["#882255", "#44AA99", "#999933"];
const OTHER_COLOR = "#94A3B8";
const colorAt = (i: number) => [...SERIES_COLORS, ...MORE_COLORS][i % (SERIES_COLORS.length + MORE_COLORS.length)];

const KIND_LABELS: Record<ChartKind, string> = {
  line: "Line",
  area: "Area",
  column: "Columns",
  bar: "Bars",
  pie: "Pie",
  scatter: "Scatter",
};

/** A result as a chart: the planned kind, with a switch to the other kinds that suit the same data. */
export function ResultsChart({ plan }: { plan: ChartPlan }) {
  const [chosen, setChosen] = useState<ChartKind | null>(null);
  const kinds = [plan.kind, ...plan.alternatives];
  const kind = chosen && kinds.includes(chosen) ? chosen : plan.kind;
  const series: Series[] = plan.series.map((s, i) => ({
    ...s,
    color: s.label === OTHER && i === plan.series.length - 1 ? OTHER_COLOR : colorAt(i),
  }));
  const label = plan.title ?? `${KIND_LABELS[kind]} chart of ${plan.series.map((s) => s.label).join(", ")}`;
  const decimals = plan.data.some((d) =>
    plan.series.some((s) => typeof d[s.key] === "number" && !Number.isInteger(d[s.key])),
  );
  const y: ValueAxisSpec = { decimals, tick: compactNumber, width: 44 };
  const x = xAxisOf(plan);

  return (
    <div className="space-y-2">
      <div className="flex flex-wrap items-center justify-between gap-2 text-xs">
        <p className="text-slate-600 dark:text-slate-400">
          {plan.title ? (
            <span className="font-semibold text-slate-800 dark:text-slate-100">{plan.title} · </span>
          ) : null}
          {plan.source === "render" ? "As the query's render asks." : "Chosen from the result's columns."}
          {plan.note ? ` ${plan.note}` : null}
        </p>
        {kinds.length > 1 ? (
          <SegmentedButtons
            label="Chart type"
            options={kinds.map((k) => ({ key: k, label: KIND_LABELS[k] }))}
            value={kind}
            onChange={setChosen}
          />
        ) : null}
      </div>
      <div
        className="chart-box h-80 text-slate-600 dark:text-slate-300"
        data-chart-kind={kind}
        data-points={plan.data.length}
      >
        {kind === "line" || kind === "area" ? (
          <TimeSeriesChart data={plan.data} series={series} stacked={kind === "area"} label={label} x={x} y={y} />
        ) : kind === "bar" || kind === "column" ? (
          <CategoryBarChart
            data={
              plan.xType === "category" ? plan.data : plan.data.map((d) => ({ ...d, [plan.x]: x.tick(d[plan.x]!) }))
            }
            categoryKey={plan.x}
            series={series}
            horizontal={kind === "bar"}
            label={label}
            y={y}
          />
        ) : kind === "pie" ? (
          <CategoryPieChart
            data={plan.data}
            categoryKey={plan.x}
            valueKey={series[0].key}
            colorOf={colorAt}
            label={label}
          />
        ) : (
          <ScatterPlot plan={plan} series={series} x={x} y={y} label={label} />
        )}
      </div>
    </div>
  );
}

/** The x-axis: UTC times (with the hour when the points are not whole days), numbers, or category text. */
function xAxisOf(plan: ChartPlan): XAxisSpec {
  if (plan.xType === "time") {
    const wholeDays = plan.data.every((d) => (d[plan.x] as number) % 86_400_000 === 0);
    const day = (ms: number) => shortDay(new Date(ms).toISOString().slice(0, 10));
    return {
      key: plan.x,
      numeric: true,
      tick: (v) =>
        wholeDays ? day(Number(v)) : `${day(Number(v))} ${new Date(Number(v)).toISOString().slice(11, 16)}`,
      tooltip: (v) => formatUtc(new Date(Number(v)), "", { seconds: !wholeDays }),
    };
  }
  if (plan.xType === "number")
    return { key: plan.x, numeric: true, tick: (v) => compactNumber(Number(v)), tooltip: String };
  return { key: plan.x, numeric: false, tick: String, tooltip: String };
}

function ScatterPlot({
  plan,
  series,
  x,
  y,
  label,
}: {
  plan: ChartPlan;
  series: Series[];
  x: XAxisSpec;
  y: ValueAxisSpec;
  label: string;
}) {
  return (
    <figure role="img" aria-label={label} className="h-full w-full">
      <ResponsiveContainer width="100%" height="100%" initialDimension={{ width: 480, height: 224 }}>
        <ScatterChart margin={{ top: 4, right: 8, bottom: 0, left: 0 }}>
          <CartesianGrid stroke={GRID_STROKE} strokeDasharray="3 3" />
          <XAxis
            dataKey={plan.x}
            type="number"
            domain={["dataMin", "dataMax"]}
            tickFormatter={x.tick}
            tick={AXIS_TICK}
            stroke={GRID_STROKE}
          />
          <YAxis
            dataKey="y"
            type="number"
            tick={AXIS_TICK}
            width={y.width}
            stroke={GRID_STROKE}
            tickFormatter={y.tick}
          />
          <Tooltip {...TOOLTIP_STYLE} labelFormatter={(v) => x.tooltip(v as number)} />
          {series.length > 1 ? <Legend {...LEGEND_PROPS} /> : null}
          {series.map((s) => (
            <Scatter
              key={s.key}
              name={s.label}
              data={plan.data.map((d) => ({ [plan.x]: d[plan.x], y: d[s.key] }))}
              fill={s.color}
              isAnimationActive={false}
            />
          ))}
        </ScatterChart>
      </ResponsiveContainer>
    </figure>
  );
}
