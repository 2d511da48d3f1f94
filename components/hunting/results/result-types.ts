// The shape of Graph's runHuntingQuery answer as the results view receives it: `schema` as columns and `results`
// as rows (learn.microsoft.com/graph/api/security-security-runhuntingquery, "huntingQueryResults").

/** A result column; `type` as Graph sends it: "String", "DateTime", "Int64", "Int32", "Double", "Boolean",
 * "Dynamic", "TimeSpan"… */
export interface HuntingColumn {
  name: string;
  type: string;
}

/** One result row: an open object keyed by column name. */
export type HuntingRow = Record<string, unknown>;
