"use client";

import { Cell, Legend, Pie, PieChart, ResponsiveContainer, Tooltip } from "recharts";
import { LEGEND_PROPS, TOOLTIP_STYLE } from "./chart-theme";

/** Shares of a whole, one slice per category; few categories only (a pie past eight slices reads worse than bars). */
export function CategoryPieChart({
  data,
  categoryKey,
  valueKey,
  colorOf,
  label,
}: {
  data: Record<string, string | number | null>[];
  categoryKey: string;
  valueKey: string;
  colorOf: (index: number) => string;
  label: string;
}) {
  return (
    <figure role="img" aria-label={label} className="h-full w-full">
      <ResponsiveContainer width="100%" height="100%" initialDimension={{ width: 480, height: 224 }}>
        <PieChart margin={{ top: 4, right: 8, bottom: 0, left: 0 }}>
          <Pie
            data={data}
            dataKey={valueKey}
            nameKey={categoryKey}
            outerRadius="80%"
            stroke="var(--chart-tooltip-bg)"
            isAnimationActive={false}
          >
            {data.map((d, i) => (
              <Cell key={String(d[categoryKey])} fill={colorOf(i)} />
            ))}
          </Pie>
          <Tooltip {...TOOLTIP_STYLE} />
          <Legend {...LEGEND_PROPS} layout="vertical" align="right" verticalAlign="middle" />
        </PieChart>
      </ResponsiveContainer>
    </figure>
  );
}
