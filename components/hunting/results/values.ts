import { formatUtc } from "@/lib/time";

// How one result value reads, copies, exports and sorts, by the column's type. Dynamic values arrive as JSON
// objects or arrays, or as strings holding JSON; long values may arrive as strings when they exceed 2^53.

export type ValueKind = "number" | "datetime" | "boolean" | "dynamic" | "timespan" | "string";

const NUMERIC_TYPES = new Set(["int64", "int32", "int", "long", "double", "real", "decimal", "single", "float"]);

export function kindOf(type: string): ValueKind {
  const t = type.toLowerCase().replace(/^system\./, "");
  if (NUMERIC_TYPES.has(t)) return "number";
  if (t === "datetime" || t === "date") return "datetime";
  if (t === "boolean" || t === "bool" || t === "sbyte") return "boolean";
  if (t === "dynamic" || t === "object") return "dynamic";
  if (t === "timespan") return "timespan";
  return "string";
}

export const isNumericType = (type: string) => kindOf(type) === "number";

export function isMissing(value: unknown): value is null | undefined | "" {
  return value === null || value === undefined || value === "";
}

/** A number from a numeric cell (a JSON number or a digit string), or null. */
export function toNumber(value: unknown): number | null {
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  if (typeof value === "string" && value.trim() !== "") {
    const n = Number(value);
    return Number.isFinite(n) ? n : null;
  }
  if (typeof value === "boolean") return value ? 1 : 0;
  return null;
}

/** Epoch milliseconds of a datetime cell, or null. */
export function toEpoch(value: unknown): number | null {
  if (typeof value !== "string" && !(value instanceof Date)) return null;
  const ms = value instanceof Date ? value.getTime() : Date.parse(value);
  return Number.isNaN(ms) ? null : ms;
}

/** Kusto's timespan text ("[-][d.]hh:mm:ss[.fffffff]") in milliseconds, or null. */
export function timespanMs(value: unknown): number | null {
  if (typeof value === "number") return value;
  if (typeof value !== "string") return null;
  const m = /^(-)?(?:(\d+)\.)?(\d{1,2}):(\d{2}):(\d{2})(?:\.(\d+))?$/.exec(value.trim());
  if (!m) return null;
  const [, neg, d, h, min, s, frac] = m;
  const ms =
    ((Number(d ?? 0) * 24 + Number(h)) * 60 + Number(min)) * 60_000 +
    Number(s) * 1000 +
    (frac ? Number(`0.${frac}`) * 1000 : 0);
  return neg ? -ms : ms;
}

/** The whole value as text: what "Copy" puts on the clipboard and what the CSV holds (raw, never reformatted). */
export function fullText(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return value;
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

/** A dynamic value as a JSON structure when it is one (an object, an array, or a string holding either). */
export function parsedDynamic(value: unknown): unknown {
  if (typeof value !== "string") return value;
  const t = value.trim();
  if (!(t.startsWith("{") || t.startsWith("["))) return value;
  try {
    return JSON.parse(t);
  } catch {
    return value;
  }
}

/** The text a cell shows (one line; the grid truncates it). Missing values are left to the caller (an em dash). */
export function displayText(kind: ValueKind, value: unknown): string {
  if (kind === "datetime") {
    return typeof value === "string" && toEpoch(value) !== null
      ? formatUtc(value, "", { seconds: true, zone: false })
      : fullText(value);
  }
  if (kind === "dynamic") {
    const parsed = parsedDynamic(value);
    return typeof parsed === "string" ? parsed : JSON.stringify(parsed);
  }
  return fullText(value);
}

/** A value's sort key: a number for numbers, datetimes, timespans and booleans; the shown text otherwise;
 * null when missing (missing values sort last both ways). */
export function sortKey(kind: ValueKind, value: unknown): number | string | null {
  if (isMissing(value)) return null;
  switch (kind) {
    case "number":
      return toNumber(value);
    case "boolean":
      return typeof value === "string"
        ? (({ true: 1, false: 0 } as Record<string, number>)[value.toLowerCase()] ?? null)
        : toNumber(value);
    case "datetime":
      return toEpoch(value);
    case "timespan":
      return timespanMs(value);
    default:
      return displayText(kind, value);
  }
}
