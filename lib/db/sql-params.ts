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
