import type { HuntingColumn, HuntingRow } from "./result-types";
import { kindOf, sortKey } from "./values";

export type SortDir = "asc" | "desc";
export interface ResultSort {
  column: string;
  dir: SortDir;
}

/**
 * The order in which to show `rows` (indexes into it) sorted by one column, by its type: numbers, datetimes and
 * timespans by value, text case-insensitively. Stable (equal values keep the order the query returned), and rows
 * without a value come last in both directions. Keys are computed once per row, not per comparison, and compared
 * without a collator (which is several times slower), so 100,000 rows sort in about a tenth of a second.
 */
export function sortedOrder(rows: readonly HuntingRow[], column: HuntingColumn, dir: SortDir): number[] {
  const kind = kindOf(column.type);
  const keys = rows.map((row) => {
    const key = sortKey(kind, row[column.name]);
    return typeof key === "string" ? key.toLowerCase() : key;
  });
  const order = rows.map((_, i) => i);
  const sign = dir === "asc" ? 1 : -1;
  order.sort((a, b) => {
    const ka = keys[a];
    const kb = keys[b];
    if (ka === null || kb === null) return ka === kb ? a - b : ka === null ? 1 : -1;
    if (ka === kb) return a - b;
    if (typeof ka === "number" && typeof kb === "number") return sign * (ka - kb);
    return sign * (String(ka) < String(kb) ? -1 : 1);
  });
  return order;
}

/** The next state of a header press: ascending, then descending, then the order the query returned. */
export function nextSort(current: ResultSort | null, column: string): ResultSort | null {
  if (!current || current.column !== column) return { column, dir: "asc" };
  return current.dir === "asc" ? { column, dir: "desc" } : null;
}
