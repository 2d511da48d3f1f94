// Building raw SQL safely: every value becomes a bind parameter ($1, $2, …); only fixed fragments are concatenated.

export class SqlParams {
  readonly values: unknown[] = [];
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/** A LIKE pattern matching `text` anywhere: `%`, `_` and `\` typed by a person are literal characters, not patterns. */
export function containsPattern(text: string): string {
  return `%${text.replaceAll("\\", "\\\\").replaceAll("%", "\\%").replaceAll("_", "\\_")}%`;
}

/**
 * `column` equals one of `values`. One value is written as `=`: every sort index starts with the tenant, and
 * PostgreSQL (before 17) uses `= ANY(array)` on a column after the first only as a filter in an ordered index scan,
 * while `=` becomes part of the index condition (a one-category queue sorted by category: 48 ms → 0.6 ms).
 */
export function oneOf(p: SqlParams, column: string, values: readonly string[]): string {
  return values.length === 1 ? `${column} = ${p.add(values[0])}` : `${column} = ANY(${p.add(values)}::text[])`;
}
