"use client";

import { Bar, BarChart, CartesianGrid, Cell, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { AXIS_TICK, GRID_STROKE, LEGEND_PROPS, TOOLTIP_STYLE, type ValueAxisSpec } from "./chart-theme";
import type { Series } from "./time-series-chart";

/**
 * Bars per category. Horizontal (long labels: devices, software) or vertical; several series stack. `colorOf`
 * colours single-series bars per category (e.g. exposure levels).
 */
export function CategoryBarChart({
  data,
  categoryKey,
  series,
  horizontal = false,
  colorOf,
  label,
  domain,
  y,
}: {
  data: Record<string, string | number | null>[];
  categoryKey: string;
  series: Series[];
  horizontal?: boolean;
  colorOf?: (category: string) => string;
  label: string;
  domain?: [number, number];
  y?: ValueAxisSpec;
}) {
  const valueAxis = {
    type: "number" as const,
    tick: AXIS_TICK,
    stroke: GRID_STROKE,
    allowDecimals: y?.decimals ?? false,
    tickFormatter: y?.tick,
    domain: domain ?? [0, "auto"],
  };
  const categoryAxis = {
    type: "category" as const,
    dataKey: categoryKey,
    tick: AXIS_TICK,
    stroke: GRID_STROKE,
    interval: 0 as const,
  };
  return (
    <figure role="img" aria-label={label} className="h-full w-full">
      <ResponsiveContainer width="100%" height="100%" initialDimension={{ width: 480, height: 224 }}>
        <BarChart
          data={data}
          layout={horizontal ? "vertical" : "horizontal"}
          margin={{ top: 4, right: 8, bottom: 0, left: 0 }}
        >
          <CartesianGrid stroke={GRID_STROKE} strokeDasharray="3 3" horizontal={!horizontal} vertical={horizontal} />
          {horizontal ? <XAxis {...valueAxis} /> : <XAxis {...categoryAxis} />}
          {horizontal ? (
            <YAxis
              {...categoryAxis}
              width={130}
              tickFormatter={(v: string) => (v.length > 20 ? `${v.slice(0, 19)}…` : v)}
            />
          ) : (
            <YAxis {...valueAxis} width={y?.width ?? 36} />
          )}
          <Tooltip {...TOOLTIP_STYLE} cursor={{ fill: "var(--chart-grid)", opacity: 0.3 }} />
          {series.length > 1 ? <Legend {...LEGEND_PROPS} /> : null}
          {series.map((s) => (
            <Bar
              key={s.key}
              dataKey={s.key}
              name={s.label}
              stackId={series.length > 1 ? "1" : undefined}
              fill={s.color}
              isAnimationActive={false}
            >
              {colorOf && series.length === 1
                ? data.map((d) => <Cell key={String(d[categoryKey])} fill={colorOf(String(d[categoryKey]))} />)
                : null}
            </Bar>
          ))}
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}
