// Runtime values of the KQL evaluator and Kusto's scalar semantics ("Scalar data types", "String operators",
// "Datetime / timespan arithmetic" on learn.microsoft.com/kusto/query). Representation: string → JS string (never
// null: Kusto strings are empty, not null), long/int/real → number, bool → boolean, datetime → epoch milliseconds,
// timespan → milliseconds, dynamic → a JSON value, guid → string; null is the null of every other type.
import { RE2JS } from "re2js";

export type Value = unknown;

export const MS = { d: 86_400_000, h: 3_600_000, m: 60_000, s: 1000, ms: 1, microsecond: 0.001, tick: 0.0001 };

/** Timespan literal text (`7d`, `1.5h`, `30m`, `10s`, `100ms`, `1:00:00`, `2.01:00:00`) → ms. */
export function parseTimespan(text: string): number | null {
  const t = text.trim();
  const unit =
    /^(-?[\d.]+)\s*(d|day|days|h|hr|hrs|hour|hours|m|min|minute|minutes|s|sec|second|seconds|ms|milli|millis|millisecond|milliseconds|microsecond|microseconds|tick|ticks)$/i.exec(
      t,
    );
  if (unit) {
    const n = Number(unit[1]);
    const u = unit[2]!.toLowerCase();
    const factor = u.startsWith("d")
      ? MS.d
      : u.startsWith("h")
        ? MS.h
        : u === "m" || u.startsWith("min")
          ? MS.m
          : u === "ms" || u.startsWith("milli")
            ? 1
            : u.startsWith("micro")
              ? MS.microsecond
              : u.startsWith("tick")
                ? MS.tick
                : MS.s;
    return n * factor;
  }
  const clock = /^(-)?(?:(\d+)\.)?(\d+):(\d+)(?::(\d+(?:\.\d+)?))?$/.exec(t);
  if (clock) {
    const ms =
      Number(clock[2] ?? 0) * MS.d + Number(clock[3]) * MS.h + Number(clock[4]) * MS.m + Number(clock[5] ?? 0) * MS.s;
    return clock[1] ? -ms : ms;
  }
  if (/^-?\d+(\.\d+)?$/.test(t)) return Number(t) * MS.d;
  return null;
}

/** datetime literal / string → epoch ms, or null. Kusto datetimes are UTC when no zone is given. */
export function parseDatetime(text: string): number | null {
  let t = text.trim();
  if (!t) return null;
  if (/^\d{4}-\d{2}-\d{2}$/.test(t)) t += "T00:00:00Z";
  else if (/^\d{4}-\d{2}-\d{2}[ T]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(t)) t = t.replace(" ", "T") + "Z";
  // JS Date keeps milliseconds only; Kusto's 7 fractional digits are truncated.
  t = t.replace(/(\.\d{3})\d+/, "$1");
  const ms = Date.parse(t);
  return Number.isNaN(ms) ? null : ms;
}

const pad = (n: number, w = 2) => String(n).padStart(w, "0");

/** ISO 8601 with 7 fractional digits, as the hunting APIs return datetimes ("2024-03-26T09:39:50.7688641Z"). */
export function formatDatetime(ms: number): string {
  const whole = Math.floor(ms);
  const d = new Date(whole);
  if (Number.isNaN(d.getTime())) return "";
  const ticks = Math.round((ms - whole) * 10_000);
  return `${d.toISOString().slice(0, 19)}.${pad(d.getUTCMilliseconds(), 3)}${pad(ticks, 4)}Z`;
}

/** Kusto's timespan text: [-][d.]hh:mm:ss[.fffffff]. */
export function formatTimespan(ms: number): string {
  const neg = ms < 0;
  let rest = Math.abs(ms);
  const days = Math.floor(rest / MS.d);
  rest -= days * MS.d;
  const h = Math.floor(rest / MS.h);
  rest -= h * MS.h;
  const m = Math.floor(rest / MS.m);
  rest -= m * MS.m;
  const s = Math.floor(rest / MS.s);
  const frac = Math.round((rest - s * MS.s) * 10_000);
  return `${neg ? "-" : ""}${days ? `${days}.` : ""}${pad(h)}:${pad(m)}:${pad(s)}${frac ? `.${pad(frac, 7)}` : ""}`;
}

/** tostring(): dynamic objects/arrays become JSON, datetimes ISO text; null → "". */
export function toStr(v: Value, type = "dynamic"): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "string") return v;
  if (type === "datetime" && typeof v === "number") return formatDatetime(v);
  if (type === "timespan" && typeof v === "number") return formatTimespan(v);
  if (typeof v === "object") return JSON.stringify(v);
  return String(v);
}

/** A scalar as it goes into a dynamic value (pack_array, make_set, bag_pack). */
export function toDynamic(v: Value, type: string): Value {
  if (v === undefined) return null;
  if (typeof v === "number" && type === "datetime") return formatDatetime(v);
  if (typeof v === "number" && type === "timespan") return formatTimespan(v);
  return v;
}

export function isEmpty(v: Value): boolean {
  return v === null || v === undefined || v === "" || (typeof v === "number" && Number.isNaN(v));
}

/** parse_json/todynamic: strings holding JSON become values; anything else stays as is. */
export function parseJson(v: Value): Value {
  if (typeof v !== "string") return v ?? null;
  try {
    return JSON.parse(v) as Value;
  } catch {
    return v;
  }
}

// --- Terms: `has` matches whole terms ("String operators": a term is a run of ASCII alphanumeric characters).
const isAlnum = (c: number) => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c > 127;

function termMatch(hay: string, needle: string, prefixOnly: boolean, suffixOnly: boolean): boolean {
  if (needle === "") return true;
  const nStartAlnum = isAlnum(needle.charCodeAt(0));
  const nEndAlnum = isAlnum(needle.charCodeAt(needle.length - 1));
  let from = 0;
  for (;;) {
    const at = hay.indexOf(needle, from);
    if (at < 0) return false;
    const end = at + needle.length;
    const startOk = suffixOnly || !nStartAlnum || at === 0 || !isAlnum(hay.charCodeAt(at - 1));
    const endOk = prefixOnly || !nEndAlnum || end === hay.length || !isAlnum(hay.charCodeAt(end));
    if (startOk && endOk) return true;
    from = at + 1;
  }
}

export const has = (h: string, n: string, cs = false) =>
  cs ? termMatch(h, n, false, false) : termMatch(h.toLowerCase(), n.toLowerCase(), false, false);
export const hasPrefix = (h: string, n: string, cs = false) =>
  cs ? termMatch(h, n, true, false) : termMatch(h.toLowerCase(), n.toLowerCase(), true, false);
export const hasSuffix = (h: string, n: string, cs = false) =>
  cs ? termMatch(h, n, false, true) : termMatch(h.toLowerCase(), n.toLowerCase(), false, true);

const regexCache = new Map<string, RE2JS>();
/** KQL regexes are RE2 ("RE2 syntax" in the Kusto docs), including inline flags such as `(?i)`. */
export function re2(pattern: string): RE2JS {
  let r = regexCache.get(pattern);
  if (!r) {
    r = RE2JS.compile(pattern);
    if (regexCache.size > 500) regexCache.clear();
    regexCache.set(pattern, r);
  }
  return r;
}

/** Equality used by `==`, `in`, joins and grouping: numbers by value, strings ordinal, dynamic by JSON. */
export function keyOf(v: Value): string {
  if (v === null || v === undefined) return "\u0000null";
  if (typeof v === "string") return "s" + v;
  if (typeof v === "object") return "j" + JSON.stringify(v);
  return typeof v === "number" ? "n" + v : "b" + String(v);
}

/** Ordering for sort/top/min/max: nulls lowest, numbers, then strings ordinal. */
export function compare(a: Value, b: Value): number {
  if (a === b) return 0;
  if (a === null || a === undefined) return -1;
  if (b === null || b === undefined) return 1;
  if (typeof a === "number" && typeof b === "number") return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === "boolean" && typeof b === "boolean") return a === b ? 0 : a ? 1 : -1;
  const sa = typeof a === "string" ? a : JSON.stringify(a);
  const sb = typeof b === "string" ? b : JSON.stringify(b);
  return sa < sb ? -1 : sa > sb ? 1 : 0;
}

/** Loose equality of a dynamic value with a scalar (dynamic comparisons convert as Kusto does). */
export function looseEquals(a: Value, b: Value): boolean | null {
  if (a === null || a === undefined || b === null || b === undefined) return null;
  if (typeof a === typeof b) return typeof a === "object" ? JSON.stringify(a) === JSON.stringify(b) : a === b;
  if (typeof a === "boolean" && typeof b === "number") return (a ? 1 : 0) === b;
  if (typeof b === "boolean" && typeof a === "number") return (b ? 1 : 0) === a;
  return toStr(a) === toStr(b);
}

export function toNumber(v: Value): number | null {
  if (v === null || v === undefined || v === "") return null;
  if (typeof v === "number") return v;
  if (typeof v === "boolean") return v ? 1 : 0;
  const n = Number(typeof v === "string" ? v.trim() : v);
  return Number.isNaN(n) ? null : n;
}

export function toBool(v: Value): boolean | null {
  if (v === null || v === undefined) return null;
  if (typeof v === "boolean") return v;
  if (typeof v === "number") return v !== 0;
  const s = String(v).trim().toLowerCase();
  if (s === "true" || s === "1") return true;
  if (s === "false" || s === "0") return false;
  return null;
}

/** dynamic → array of elements for has_any, in, mv-expand; a scalar becomes [scalar]. */
export function elementsOf(v: Value): Value[] {
  if (Array.isArray(v)) return v;
  if (v === null || v === undefined) return [];
  return [v];
}
