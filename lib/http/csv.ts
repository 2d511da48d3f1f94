/**
 * RFC 4180 CSV. Every cell is quoted: a spreadsheet that splits unquoted fields on its locale's list separator
 * (";" in de-DE, fr-FR, nl-NL…) would otherwise split "x;=1+1" and run the second half as a formula. Cells that a
 * spreadsheet would run as a formula are also prefixed with a quote (CSV injection).
 */
export function toCsv(rows: readonly (readonly unknown[])[]): string {
  return rows.map((row) => row.map(cell).join(",") + "\r\n").join("");
}

function cell(value: unknown): string {
  if (value === null || value === undefined) return '""';
  let text = value instanceof Date ? value.toISOString() : String(value);
  // A number is never a formula: -2 stays -2 (a text "-2" is still defused: it may be the start of "-2+cmd|…").
  const isNumber = (typeof value === "number" && Number.isFinite(value)) || typeof value === "bigint";
  if (!isNumber && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return `"${text.replaceAll('"', '""')}"`;
}

/** The UTC time in a download's file name: "2026-11-26T140502". */
export function fileStamp(now: Date): string {
  return now.toISOString().slice(0, 19).replaceAll(":", "");
}
