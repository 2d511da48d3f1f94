// KQL scalar functions ("Scalar functions" in the Kusto query language reference, learn.microsoft.com/kusto/query).
import { createHash } from "node:crypto";
import { nodeClass, type KNode } from "./kusto";
import { compile, staticType, type Scope } from "./scalar";
import { NotSupportedError, QueryRuntimeError, type RowFn } from "./table";
import {
  MS,
  compare,
  elementsOf,
  isEmpty,
  parseDatetime,
  parseJson,
  parseTimespan,
  re2,
  toBool,
  toDynamic,
  toNumber,
  toStr,
  type Value,
} from "./values";

type Impl = (args: RowFn[], types: string[], node: KNode, scope: Scope, argNodes: KNode[]) => RowFn;

const nullIfNull =
  (f: (...v: Value[]) => Value, fns: RowFn[]): RowFn =>
  (r) => {
    const vs = fns.map((g) => g(r));
    if (vs.some((v) => v === null || v === undefined)) return null;
    return f(...vs);
  };

const str =
  (f: (s: string, ...rest: Value[]) => Value): Impl =>
  (a, t) =>
  (r) =>
    f(toStr(a[0]!(r), t[0]), ...a.slice(1).map((g) => g(r)));

const num =
  (f: (n: number, ...rest: number[]) => Value): Impl =>
  (a) =>
  (r) => {
    const vs = a.map((g) => toNumber(g(r)));
    if (vs.some((v) => v === null)) return null;
    return f(...(vs as [number, ...number[]]));
  };

function toDate(v: Value, type: string): number | null {
  if (v === null || v === undefined) return null;
  if (typeof v === "number") return type === "datetime" || type === "dynamic" ? v : null;
  return parseDatetime(String(v));
}

const DATE_PARTS: Record<string, number> = {
  year: 0,
  quarter: 0,
  month: 0,
  week: 7 * MS.d,
  day: MS.d,
  hour: MS.h,
  minute: MS.m,
  second: MS.s,
  millisecond: 1,
  microsecond: MS.microsecond,
  nanosecond: MS.tick / 100,
};

function addMonths(ms: number, months: number): number {
  const d = new Date(ms);
  d.setUTCMonth(d.getUTCMonth() + months);
  return d.getTime();
}

function datetimeDiff(part: string, a: number, b: number): number {
  const p = part.toLowerCase();
  const da = new Date(a);
  const db = new Date(b);
  if (p === "year") return da.getUTCFullYear() - db.getUTCFullYear();
  if (p === "quarter")
    return (
      (da.getUTCFullYear() - db.getUTCFullYear()) * 4 +
      Math.floor(da.getUTCMonth() / 3) -
      Math.floor(db.getUTCMonth() / 3)
    );
  if (p === "month") return (da.getUTCFullYear() - db.getUTCFullYear()) * 12 + da.getUTCMonth() - db.getUTCMonth();
  const unit = DATE_PARTS[p];
  if (!unit) throw new QueryRuntimeError(`datetime_diff(): unknown part '${part}'`);
  if (p === "week") {
    const startOfWeek = (ms: number) => Math.floor((ms - 3 * MS.d) / (7 * MS.d));
    return startOfWeek(a) - startOfWeek(b);
  }
  return Math.floor(a / unit) - Math.floor(b / unit);
}

function formatDate(ms: number, format: string): string {
  const d = new Date(ms);
  const two = (n: number) => String(n).padStart(2, "0");
  const tokens: Record<string, string> = {
    yyyy: String(d.getUTCFullYear()),
    yy: two(d.getUTCFullYear() % 100),
    MM: two(d.getUTCMonth() + 1),
    M: String(d.getUTCMonth() + 1),
    dd: two(d.getUTCDate()),
    d: String(d.getUTCDate()),
    HH: two(d.getUTCHours()),
    H: String(d.getUTCHours()),
    hh: two(d.getUTCHours() % 12 || 12),
    h: String(d.getUTCHours() % 12 || 12),
    mm: two(d.getUTCMinutes()),
    m: String(d.getUTCMinutes()),
    ss: two(d.getUTCSeconds()),
    s: String(d.getUTCSeconds()),
    fff: String(d.getUTCMilliseconds()).padStart(3, "0"),
    ff: String(d.getUTCMilliseconds()).padStart(3, "0").slice(0, 2),
    f: String(d.getUTCMilliseconds()).padStart(3, "0").slice(0, 1),
    tt: d.getUTCHours() < 12 ? "AM" : "PM",
  };
  return format.replace(/yyyy|yy|MM|M|dd|d|HH|H|hh|h|mm|m|ss|s|fff|ff|f|tt/g, (t) => tokens[t]!);
}

function parseUrl(s: string): Value {
  try {
    const u = new URL(s);
    const q: Record<string, string> = {};
    u.searchParams.forEach((v, k) => (q[k] = v));
    return {
      Scheme: u.protocol.replace(/:$/, ""),
      Host: u.hostname,
      Port: u.port,
      Path: u.pathname,
      Username: u.username,
      Password: u.password,
      "Query Parameters": q,
      Fragment: u.hash.replace(/^#/, ""),
    };
  } catch {
    return {};
  }
}

function ipv4(s: string): number | null {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(s.trim());
  if (!m) return null;
  const parts = m.slice(1).map(Number);
  if (parts.some((p) => p > 255)) return null;
  return ((parts[0]! << 24) >>> 0) + (parts[1]! << 16) + (parts[2]! << 8) + parts[3]!;
}

function ipInRange(ip: string, range: string): boolean | null {
  const [base, bits] = range.split("/");
  const a = ipv4(ip);
  const b = ipv4(base ?? "");
  if (a === null || b === null) return null;
  const n = bits === undefined ? 32 : Number(bits);
  const mask = n === 0 ? 0 : (0xffffffff << (32 - n)) >>> 0;
  return (a & mask) >>> 0 === (b & mask) >>> 0;
}

const PRIVATE_RANGES = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"];

function extractJson(path: string, json: Value): Value {
  let v = parseJson(json);
  const steps = path.replace(/^\$/, "").match(/\.[^.[\]]+|\[\s*'[^']*'\s*\]|\[\s*"[^"]*"\s*\]|\[\s*-?\d+\s*\]/g) ?? [];
  for (const step of steps) {
    if (v === null || typeof v !== "object") return null;
    let key: string | number;
    if (step.startsWith(".")) key = step.slice(1);
    else {
      const inner = step.slice(1, -1).trim();
      key = /^-?\d+$/.test(inner) ? Number(inner) : inner.slice(1, -1);
    }
    v = Array.isArray(v) ? (typeof key === "number" ? v[key] : undefined) : (v as Record<string, Value>)[key];
    if (v === undefined) return null;
  }
  return v;
}

function base64Decode(s: string): string {
  return Buffer.from(s, "base64").toString("utf8");
}

function toStringArg(v: Value, t: string): string {
  return toStr(v, t);
}

const F: Record<string, Impl> = {
  ago: (a, _t, _n, scope) => (r) => {
    const ts = toNumber(a[0]!(r));
    return ts === null ? null : scope.env.ctx.now - ts;
  },
  bin: (a) => nullIfNull((v, size) => binValue(v as number, size as number), a),
  floor: (a) => nullIfNull((v, size) => binValue(v as number, size as number), a),
  bin_at: (a) =>
    nullIfNull((v, size, at) => binValue((v as number) - (at as number), size as number) + (at as number), a),
  startofday: (a) => nullIfNull((v) => Math.floor((v as number) / MS.d) * MS.d, a),
  endofday: (a) => nullIfNull((v) => Math.floor((v as number) / MS.d) * MS.d + MS.d - 0.0001, a),
  startofweek: (a) =>
    nullIfNull((v) => {
      const day = Math.floor((v as number) / MS.d);
      return (day - ((day + 4) % 7)) * MS.d;
    }, a),
  startofmonth: (a) =>
    nullIfNull((v) => {
      const d = new Date(v as number);
      return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
    }, a),
  dayofweek: (a) => nullIfNull((v) => ((Math.floor((v as number) / MS.d) + 4) % 7) * MS.d, a),
  hourofday: (a) => nullIfNull((v) => new Date(v as number).getUTCHours(), a),
  dayofmonth: (a) => nullIfNull((v) => new Date(v as number).getUTCDate(), a),
  getmonth: (a) => nullIfNull((v) => new Date(v as number).getUTCMonth() + 1, a),
  monthofyear: (a) => nullIfNull((v) => new Date(v as number).getUTCMonth() + 1, a),
  getyear: (a) => nullIfNull((v) => new Date(v as number).getUTCFullYear(), a),
  datetime_add: (a) =>
    nullIfNull((part, amount, dt) => {
      const p = String(part).toLowerCase();
      if (p === "year") return addMonths(dt as number, 12 * (amount as number));
      if (p === "quarter") return addMonths(dt as number, 3 * (amount as number));
      if (p === "month") return addMonths(dt as number, amount as number);
      const unit = DATE_PARTS[p];
      if (!unit) throw new QueryRuntimeError(`datetime_add(): unknown part '${String(part)}'`);
      return (dt as number) + unit * (amount as number);
    }, a),
  datetime_diff: (a) => nullIfNull((part, x, y) => datetimeDiff(String(part), x as number, y as number), a),
  format_datetime: (a) => nullIfNull((dt, f) => formatDate(dt as number, String(f)), a),
  format_timespan: (a) =>
    nullIfNull((ts, f) => {
      const ms = ts as number;
      const parts: Record<string, number> = {
        d: Math.floor(ms / MS.d),
        h: Math.floor((ms % MS.d) / MS.h),
        m: Math.floor((ms % MS.h) / MS.m),
        s: Math.floor((ms % MS.m) / MS.s),
        f: Math.floor(ms % MS.s),
      };
      return String(f).replace(/d+|h+|H+|m+|s+|f+/g, (t) => {
        const key = t[0]!.toLowerCase();
        return key === "f"
          ? String(parts.f).padStart(3, "0").slice(0, t.length)
          : String(parts[key]).padStart(t.length, "0");
      });
    }, a),
  unixtime_seconds_todatetime: (a) => nullIfNull((s) => (s as number) * 1000, a),
  unixtime_milliseconds_todatetime: (a) => nullIfNull((s) => s as number, a),
  make_datetime: (a) =>
    nullIfNull(
      (y, mo, d, h, mi, s) =>
        Date.UTC(
          y as number,
          (mo as number) - 1,
          d as number,
          (h as number) ?? 0,
          (mi as number) ?? 0,
          (s as number) ?? 0,
        ),
      a,
    ),
  todatetime: (a, t) => (r) => toDate(a[0]!(r), t[0]!),
  totimespan: (a, t) => (r) => {
    const v = a[0]!(r);
    if (v === null || v === undefined) return null;
    if (typeof v === "number") return t[0] === "timespan" ? v : v / 10_000;
    return parseTimespan(String(v));
  },
  tostring: (a, t) => (r) => toStr(a[0]!(r), t[0]),
  strcat: (a, t) => (r) => a.map((g, i) => toStringArg(g(r), t[i]!)).join(""),
  strcat_delim: (a, t) => (r) =>
    a
      .slice(1)
      .map((g, i) => toStringArg(g(r), t[i + 1]!))
      .join(toStr(a[0]!(r))),
  strcat_array: (a) => (r) =>
    elementsOf(parseJson(a[0]!(r)))
      .map((v) => toStr(v))
      .join(toStr(a[1]!(r))),
  tolower: str((s) => s.toLowerCase()),
  toupper: str((s) => s.toUpperCase()),
  strlen: str((s) => s.length),
  string_size: str((s) => Buffer.byteLength(s)),
  reverse: str((s) => [...s].reverse().join("")),
  trim: (a, t) => (r) => trimRegex(toStr(a[1]!(r), t[1]), toStr(a[0]!(r)), true, true),
  trim_start: (a, t) => (r) => trimRegex(toStr(a[1]!(r), t[1]), toStr(a[0]!(r)), true, false),
  trim_end: (a, t) => (r) => trimRegex(toStr(a[1]!(r), t[1]), toStr(a[0]!(r)), false, true),
  substring: (a, t) => (r) => {
    const s = toStr(a[0]!(r), t[0]);
    const start = Math.max(0, toNumber(a[1]!(r)) ?? 0);
    const len = a[2] ? toNumber(a[2](r)) : null;
    return len === null ? s.slice(start) : s.slice(start, start + Math.max(0, len));
  },
  indexof: (a, t) => (r) => {
    const s = toStr(a[0]!(r), t[0]);
    const needle = toStr(a[1]!(r));
    const start = a[2] ? (toNumber(a[2](r)) ?? 0) : 0;
    return s.indexOf(needle, start);
  },
  split: (a, t) => (r) => {
    const parts = toStr(a[0]!(r), t[0]).split(toStr(a[1]!(r)));
    if (!a[2]) return parts;
    const i = toNumber(a[2](r)) ?? 0;
    return i >= 0 && i < parts.length ? [parts[i]] : [];
  },
  replace_string: (a, t) => (r) =>
    toStr(a[0]!(r), t[0])
      .split(toStr(a[1]!(r)))
      .join(toStr(a[2]!(r))),
  replace: (a) => replaceRegex(a, [2, 0, 1]),
  replace_regex: (a) => replaceRegex(a, [0, 1, 2]),
  extract: (a, t) => (r) => {
    const type = a[3] ? String(a[3](r)) : "string";
    const m = re2(toStr(a[0]!(r))).matcher(toStr(a[2]!(r), t[2]));
    if (!m.find()) return type === "string" ? "" : null;
    const text = m.group(toNumber(a[1]!(r)) ?? 0) ?? "";
    if (type === "long" || type === "int") return toNumber(text) === null ? null : Math.trunc(toNumber(text)!);
    if (type === "real" || type === "double") return toNumber(text);
    if (type === "datetime") return parseDatetime(text);
    if (type === "bool" || type === "boolean") return toBool(text);
    return text;
  },
  extractall: (a, t, n, s, an) => F.extract_all!(a, t, n, s, an),
  rand: (a) => (r) => {
    const n = a[0] ? toNumber(a[0](r)) : null;
    return n === null ? Math.random() : Math.floor(Math.random() * n);
  },
  extract_all: (a, t) => (r) => {
    const m = re2(toStr(a[0]!(r))).matcher(toStr(a[a.length - 1]!(r), t[a.length - 1]));
    const out: Value[] = [];
    while (m.find()) {
      const groups = m.groupCount();
      if (groups <= 1) out.push(m.group(groups) ?? "");
      else out.push(Array.from({ length: groups }, (_, i) => m.group(i + 1) ?? ""));
    }
    return out.length ? out : null;
  },
  countof: (a, t) => (r) => {
    const s = toStr(a[0]!(r), t[0]);
    const needle = toStr(a[1]!(r));
    const kind = a[2] ? toStr(a[2](r)) : "normal";
    if (kind === "regex") {
      const m = re2(needle).matcher(s);
      let n = 0;
      while (m.find()) n++;
      return n;
    }
    if (!needle) return 0;
    let n = 0;
    for (let i = s.indexOf(needle); i >= 0; i = s.indexOf(needle, i + needle.length)) n++;
    return n;
  },
  parse_json: (a) => (r) => parseJson(a[0]!(r)),
  todynamic: (a) => (r) => parseJson(a[0]!(r)),
  parsejson: (a) => (r) => parseJson(a[0]!(r)),
  parse_url: (a, t) => (r) => parseUrl(toStr(a[0]!(r), t[0])),
  parse_path: (a, t) => (r) => {
    const p = toStr(a[0]!(r), t[0]);
    const i = Math.max(p.lastIndexOf("\\"), p.lastIndexOf("/"));
    const file = p.slice(i + 1);
    const dot = file.lastIndexOf(".");
    return {
      Scheme: "",
      RootPath: p.slice(0, 3),
      DirectoryPath: p.slice(0, Math.max(0, i)),
      DirectoryName: p.slice(0, i).split(/[\\/]/).pop() ?? "",
      Filename: file,
      Extension: dot >= 0 ? file.slice(dot + 1) : "",
      AlternateDataStreamName: "",
    };
  },
  url_decode: str((s) => {
    try {
      return decodeURIComponent(s.replace(/\+/g, " "));
    } catch {
      return s;
    }
  }),
  url_encode: str((s) => encodeURIComponent(s)),
  make_string: (a) => (r) => {
    const codes = a.flatMap((g) => elementsOf(parseJson(g(r)))).map((v) => toNumber(v));
    return codes.every((c) => c !== null && c >= 0 && c <= 0x10ffff)
      ? String.fromCodePoint(...(codes as number[]))
      : null;
  },
  extractjson: (a) => (r) => {
    const v = extractJson(toStr(a[0]!(r)), a[1]!(r));
    const type = a[2] ? String(a[2](r)) : "string";
    if (v === null) return type === "string" ? "" : null;
    if (type === "string") return typeof v === "object" ? JSON.stringify(v) : String(v);
    if (type === "long" || type === "int") return toNumber(v) === null ? null : Math.trunc(toNumber(v)!);
    if (type === "real" || type === "double") return toNumber(v);
    if (type === "bool" || type === "boolean") return toBool(v);
    if (type === "datetime") return parseDatetime(String(v));
    return v;
  },
  array_length: (a) => (r) => {
    const v = parseJson(a[0]!(r));
    return Array.isArray(v) ? v.length : null;
  },
  array_slice: (a) => (r) => {
    const v = parseJson(a[0]!(r));
    if (!Array.isArray(v)) return null;
    const n = v.length;
    let s = toNumber(a[1]!(r)) ?? 0;
    let e = toNumber(a[2]!(r)) ?? n - 1;
    if (s < 0) s += n;
    if (e < 0) e += n;
    return v.slice(s, e + 1);
  },
  array_concat: (a) => (r) => a.flatMap((g) => elementsOf(parseJson(g(r)))),
  array_index_of: (a) => (r) => {
    const v = elementsOf(parseJson(a[0]!(r)));
    const x = a[1]!(r);
    return v.findIndex((e) => e === x || toStr(e) === toStr(x));
  },
  array_sort_asc: (a) => (r) => [...elementsOf(parseJson(a[0]!(r)))].sort(compare),
  array_sort_desc: (a) => (r) => [...elementsOf(parseJson(a[0]!(r)))].sort((x, y) => compare(y, x)),
  set_has_element: (a) => (r) => elementsOf(parseJson(a[0]!(r))).some((e) => toStr(e) === toStr(a[1]!(r))),
  set_union: (a) => (r) => dedupe(a.flatMap((g) => elementsOf(parseJson(g(r))))),
  set_intersect: (a) => (r) => {
    const [first, ...rest] = a.map((g) => elementsOf(parseJson(g(r))).map((e) => toStr(e)));
    return dedupe((first ?? []).filter((e) => rest.every((x) => x.includes(e))));
  },
  set_difference: (a) => (r) => {
    const [first, ...rest] = a.map((g) => elementsOf(parseJson(g(r))));
    return dedupe((first ?? []).filter((e) => !rest.some((x) => x.some((y) => toStr(y) === toStr(e)))));
  },
  bag_keys: (a) => (r) => {
    const v = parseJson(a[0]!(r));
    return v && typeof v === "object" && !Array.isArray(v) ? Object.keys(v) : null;
  },
  pack_array: (a, t) => (r) => a.map((g, i) => toDynamic(g(r), t[i]!)),
  bag_pack: (a, t) => packBag(a, t),
  pack: (a, t) => packBag(a, t),
  pack_all: (_a, _t, _n, scope) => (r) => {
    const out: Record<string, Value> = {};
    for (const [name, f] of scope.columns) out[name] = f(r) ?? null;
    return out;
  },
  range: (a) => (r) => {
    const start = toNumber(a[0]!(r));
    const stop = toNumber(a[1]!(r));
    const step = a[2] ? (toNumber(a[2](r)) ?? 1) : 1;
    if (start === null || stop === null || step === 0) return null;
    const out: number[] = [];
    for (let x = start; step > 0 ? x <= stop : x >= stop; x += step) {
      out.push(x);
      if (out.length > 1_048_576) break;
    }
    return out;
  },
  tolong: (a, t) => (r) => integer(a[0]!(r), t[0]!),
  toint: (a, t) => (r) => integer(a[0]!(r), t[0]!),
  todouble: (a) => (r) => toNumber(a[0]!(r)),
  toreal: (a) => (r) => toNumber(a[0]!(r)),
  todecimal: (a) => (r) => toNumber(a[0]!(r)),
  tobool: (a) => (r) => toBool(a[0]!(r)),
  toboolean: (a) => (r) => toBool(a[0]!(r)),
  toguid: (a) => (r) => {
    const s = toStr(a[0]!(r));
    return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(s) ? s.toLowerCase() : null;
  },
  tohex: (a) => nullIfNull((n) => Math.trunc(n as number).toString(16), a),
  isempty: (a) => (r) => isEmpty(a[0]!(r)),
  isnotempty: (a) => (r) => !isEmpty(a[0]!(r)),
  notempty: (a) => (r) => !isEmpty(a[0]!(r)),
  notnull: (a) => (r) => !(a[0]!(r) === null || a[0]!(r) === undefined),
  isnull: (a) => (r) => a[0]!(r) === null || a[0]!(r) === undefined,
  isnotnull: (a) => (r) => !(a[0]!(r) === null || a[0]!(r) === undefined),
  isnan: (a) => (r) => Number.isNaN(a[0]!(r)),
  isascii: str((s) => /^[\x00-\x7f]*$/.test(s)),
  iff: (a) => (r) => (a[0]!(r) === true ? a[1]!(r) : a[2]!(r)),
  iif: (a) => (r) => (a[0]!(r) === true ? a[1]!(r) : a[2]!(r)),
  case: (a) => (r) => {
    for (let i = 0; i + 1 < a.length; i += 2) if (a[i]!(r) === true) return a[i + 1]!(r);
    return a[a.length - 1]!(r);
  },
  coalesce: (a) => (r) => {
    for (const g of a) {
      const v = g(r);
      if (!(v === null || v === undefined || v === "")) return v;
    }
    return null;
  },
  not: (a) => (r) => {
    const v = a[0]!(r);
    return v === null || v === undefined ? null : !v;
  },
  gettype: (_a, t) => () => t[0] ?? "dynamic",
  abs: num((n) => Math.abs(n)),
  round: num((n, d = 0) => Math.round(n * 10 ** d) / 10 ** d),
  ceiling: num((n) => Math.ceil(n)),
  sqrt: num((n) => Math.sqrt(n)),
  log: num((n) => Math.log(n)),
  log10: num((n) => Math.log10(n)),
  log2: num((n) => Math.log2(n)),
  exp: num((n) => Math.exp(n)),
  pow: num((x, y) => Math.pow(x, y!)),
  max_of: (a) => (r) => a.map((g) => g(r)).reduce((x, y) => (compare(y, x) > 0 ? y : x)),
  min_of: (a) => (r) => a.map((g) => g(r)).reduce((x, y) => (x === null || (y !== null && compare(y, x) < 0) ? y : x)),
  ipv4_is_private: (a, t) => (r) => {
    const s = toStr(a[0]!(r), t[0]);
    if (ipv4(s) === null) return null;
    return PRIVATE_RANGES.some((range) => ipInRange(s, range));
  },
  ipv4_is_in_range: (a) => (r) => ipInRange(toStr(a[0]!(r)), toStr(a[1]!(r))),
  ipv4_is_match: (a) => (r) => ipInRange(toStr(a[0]!(r)), toStr(a[1]!(r))),
  parse_ipv4: (a) => (r) => ipv4(toStr(a[0]!(r))),
  base64_decode_tostring: str((s) => base64Decode(s)),
  base64_decodestring: str((s) => base64Decode(s)),
  base64_decode_toarray: str((s) => [...Buffer.from(s, "base64")]),
  base64_encode_tostring: str((s) => Buffer.from(s, "utf8").toString("base64")),
  base64_encodestring: str((s) => Buffer.from(s, "utf8").toString("base64")),
  hash_sha256: str((s) => sha256(s)),
  prev: (a, _t, _n, scope) => neighbour(a, scope, -1),
  next: (a, _t, _n, scope) => neighbour(a, scope, 1),
  row_number: (a, _t, _n, scope) => {
    const serial = scope.serial;
    if (!serial) throw new NotSupportedError("row_number() outside a serialized row set");
    return (r) => serial.i + (a[0] ? (toNumber(a[0](r)) ?? 1) : 1);
  },
};

function dedupe(values: Value[]): Value[] {
  const seen = new Set<string>();
  const out: Value[] = [];
  for (const v of values) {
    const k = typeof v === "object" ? JSON.stringify(v) : `${typeof v}:${String(v)}`;
    if (!seen.has(k)) {
      seen.add(k);
      out.push(v);
    }
  }
  return out;
}

function packBag(a: RowFn[], t: string[]): RowFn {
  return (r) => {
    const out: Record<string, Value> = {};
    for (let i = 0; i + 1 < a.length; i += 2) out[toStr(a[i]!(r))] = toDynamic(a[i + 1]!(r), t[i + 1]!) ?? null;
    return out;
  };
}

function integer(v: Value, type: string): Value {
  if (type === "datetime" || type === "timespan") return typeof v === "number" ? Math.trunc(v * 10_000) : null;
  const n = toNumber(v);
  return n === null ? null : Math.trunc(n);
}

function binValue(v: number, size: number): number {
  if (!size) return v;
  return Math.floor(v / size) * size;
}

function trimRegex(s: string, pattern: string, start: boolean, end: boolean): string {
  let out = s;
  if (start) {
    const m = re2(`^(?:${pattern})`).matcher(out);
    if (m.find()) out = out.slice(m.end());
  }
  if (end) {
    const m = re2(`(?:${pattern})$`).matcher(out);
    if (m.find()) out = out.slice(0, m.start());
  }
  return out;
}

function replaceRegex(a: RowFn[], order: [number, number, number]): RowFn {
  return (r) => {
    const [iText, iRe, iRep] = order;
    const text = toStr(a[iText]!(r));
    const rewrite = toStr(a[iRep]!(r)).replace(/\\(\d)/g, "$$$1");
    return re2(toStr(a[iRe]!(r)))
      .matcher(text)
      .replaceAll(rewrite);
  };
}

function neighbour(a: RowFn[], scope: Scope, dir: 1 | -1): RowFn {
  const serial = scope.serial;
  if (!serial) throw new NotSupportedError(`${dir < 0 ? "prev" : "next"}() outside a serialized row set`);
  const [expr, offsetFn, defaultFn] = a;
  return (r) => {
    const off = offsetFn ? (toNumber(offsetFn(r)) ?? 1) : 1;
    const j = serial.i + dir * off;
    if (j < 0 || j >= serial.rows.length) return defaultFn ? defaultFn(r) : null;
    return expr!(serial.rows[j]);
  };
}

function sha256(s: string): string {
  return createHash("sha256").update(s).digest("hex");
}

export const AGGREGATE_NAMES = new Set([
  "count",
  "countif",
  "dcount",
  "dcountif",
  "sum",
  "sumif",
  "avg",
  "avgif",
  "min",
  "max",
  "minif",
  "maxif",
  "make_set",
  "makeset",
  "make_set_if",
  "make_list",
  "makelist",
  "make_list_if",
  "make_bag",
  "arg_max",
  "argmax",
  "arg_min",
  "argmin",
  "any",
  "take_any",
  "anyif",
  "take_anyif",
  "percentile",
  "stdev",
  "variance",
]);

export function callFunction(name: string, argNodes: KNode[], node: KNode, scope: Scope): RowFn {
  const lower = name.toLowerCase();
  if (lower === "now") {
    const now = scope.env.ctx.now;
    const off = argNodes[0] ? compile(argNodes[0], scope) : null;
    return (r) => now + (off ? ((off(r) as number) ?? 0) : 0);
  }
  if (lower === "materialize") throw new NotSupportedError("materialize() in a scalar position");
  if (AGGREGATE_NAMES.has(lower)) throw new NotSupportedError(`aggregate ${name}() outside summarize`);
  const impl = F[lower];
  if (!impl) throw new NotSupportedError(`function ${name}()`);
  if (argNodes.some((a) => nodeClass(a) === "StarExpression")) throw new NotSupportedError(`${name}(*)`);
  const args = argNodes.map((a) => compile(a, scope));
  const types = argNodes.map((a) => staticType(a));
  return impl(args, types, node, scope, argNodes);
}

export const SCALAR_FUNCTIONS = Object.keys(F);
