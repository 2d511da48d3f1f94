"use client";

import {
  Area,
  AreaChart,
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import {
  AXIS_TICK,
  GRID_STROKE,
  LEGEND_PROPS,
  TOOLTIP_STYLE,
  shortDay,
  showsDots,
  type ValueAxisSpec,
} from "./chart-theme";

export interface Series {
  key: string;
  label: string;
  color: string;
}

/** How the x-axis reads: by default daily points under `day` ("2026-11-26"); a numeric axis (epoch milliseconds,
 * plain numbers) spaces points by value, so gaps between time bins show as gaps. */
export interface XAxisSpec {
  key: string;
  numeric: boolean;
  tick: (value: string | number) => string;
  tooltip: (value: string | number) => string;
}

const DAILY: XAxisSpec = {
  key: "day",
  numeric: false,
  tick: (d) => shortDay(String(d)),
  tooltip: (d) => shortDay(String(d)),
};

/** Daily points ({ day, ...series }) as lines, or as stacked areas when the series add up to a whole. */
export function TimeSeriesChart({
  data,
  series,
  stacked = false,
  domain,
  label,
  x = DAILY,
  y,
}: {
  data: Record<string, string | number | null>[];
  series: Series[];
  stacked?: boolean;
  domain?: [number, number];
  label: string;
  x?: XAxisSpec;
  y?: ValueAxisSpec;
}) {
  const common = (
    <>
      <CartesianGrid stroke={GRID_STROKE} strokeDasharray="3 3" vertical={false} />
      <XAxis
        dataKey={x.key}
        {...(x.numeric ? { type: "number" as const, domain: ["dataMin", "dataMax"] } : {})}
        tickFormatter={x.tick}
        tick={AXIS_TICK}
        minTickGap={24}
        stroke={GRID_STROKE}
      />
      <YAxis
        domain={domain ?? [0, "auto"]}
        tick={AXIS_TICK}
        width={y?.width ?? 36}
        stroke={GRID_STROKE}
        allowDecimals={y?.decimals ?? false}
        tickFormatter={y?.tick}
      />
      <Tooltip {...TOOLTIP_STYLE} labelFormatter={(d) => x.tooltip(d as string | number)} />
      {series.length > 1 ? <Legend {...LEGEND_PROPS} /> : null}
    </>
  );
  return (
    <figure role="img" aria-label={label} className="h-full w-full">
      <ResponsiveContainer width="100%" height="100%" initialDimension={{ width: 480, height: 224 }}>
        {stacked ? (
          <AreaChart data={data} margin={{ top: 4, right: 8, bottom: 0, left: 0 }}>
            {common}
            {series.map((s) => (
              <Area
                key={s.key}
                type="monotone"
                dataKey={s.key}
                name={s.label}
                stackId="1"
                stroke={s.color}
                fill={s.color}
                fillOpacity={0.75}
                isAnimationActive={false}
              />
            ))}
          </AreaChart>
        ) : (
          <LineChart data={data} margin={{ top: 4, right: 8, bottom: 0, left: 0 }}>
            {common}
            {series.map((s) => (
              <Line
                key={s.key}
                type="monotone"
                dataKey={s.key}
                name={s.label}
                stroke={s.color}
                strokeWidth={2}
                dot={showsDots(data, s.key)}
                isAnimationActive={false}
                connectNulls
              />
            ))}
          </LineChart>
        )}
      </ResponsiveContainer>
    </figure>
  );
}
