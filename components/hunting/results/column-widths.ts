import type { HuntingColumn, HuntingRow } from "./result-types";
import { displayText, isMissing, kindOf } from "./values";

const CHAR_PX = 7.4; // text-sm in the console's font, roughly
const PAD_PX = 28; // cell padding and the sort arrow
const MIN_PX = 72;
const MAX_PX = 420;
const SAMPLE = 300;

/**
 * A fixed width per column from its header and the first rows' values. The grid uses a fixed table layout so that
 * virtualised rows scrolling into view never make the columns jump; values wider than this are cut with an
 * ellipsis and readable in full on hover, on copy, or (dynamic values) expanded.
 */
export function columnWidths(columns: readonly HuntingColumn[], rows: readonly HuntingRow[]): number[] {
  const sample = rows.slice(0, SAMPLE);
  return columns.map((c) => {
    const kind = kindOf(c.type);
    let chars = c.name.length + (kind === "datetime" ? 6 : 0);
    for (const row of sample) {
      const value = row[c.name];
      if (!isMissing(value)) chars = Math.max(chars, displayText(kind, value).length);
    }
    return Math.round(Math.min(MAX_PX, Math.max(MIN_PX, chars * CHAR_PX + PAD_PX)));
  });
}
