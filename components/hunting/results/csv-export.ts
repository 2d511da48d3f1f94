import { fileStamp } from "@/lib/http/csv";
import type { HuntingColumn, HuntingRow } from "./result-types";
import { fullText, kindOf } from "./values";

/**
 * The CSV of a result: its columns in their order as the header, then every row in `order` (all of them, not only
 * those on screen), each value as Graph sent it — datetimes in ISO form, dynamic values as JSON, numbers as
 * numbers, a missing value as an empty cell.
 */
export function csvTable(
  columns: readonly HuntingColumn[],
  rows: readonly HuntingRow[],
  order: readonly number[],
): { header: string[]; body: unknown[][] } {
  const numeric = columns.map((c) => kindOf(c.type) === "number");
  return {
    header: columns.map((c) => c.name),
    body: order.map((i) =>
      columns.map((c, j) => {
        const value = rows[i][c.name];
        return numeric[j] && typeof value === "number" ? value : fullText(value);
      }),
    ),
  };
}

/** "hunting-DeviceProcessEvents-2026-11-26T140502.csv": the query's first table (or "query") and the UTC time. */
export function csvFileName(query: string, now: Date): string {
  const code = query
    .replace(/\/\/[^\n]*/g, "")
    .split(/[;\n]/)
    .map((line) => line.trim())
    .filter((line) => line && !/^let\s/i.test(line) && !line.startsWith("|"));
  const first = code[0]?.match(/^(?:union\s+(?:\w+=\S+\s+)*)?\(?\s*([A-Za-z_][A-Za-z0-9_]*)/)?.[1] ?? "query";
  return `hunting-${first.slice(0, 60)}-${fileStamp(now)}.csv`;
}
