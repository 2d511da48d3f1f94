import type { ZodType } from "zod";

// Inputs for the route fuzz test: a value a schema accepts (or nearly), and hostile values to put in its place.
// Walks zod 4's public definitions (`schema._zod.def`); an unknown kind yields a string, which the schema may refuse —
// a refusal is a fine answer, the test only asks that it is a clear 4xx.

interface Def {
  type: string;
  [key: string]: unknown;
}

const defOf = (schema: unknown): Def => (schema as { _zod: { def: Def } })._zod.def;

const SAMPLE_ID = "00000000-0000-4000-8000-000000000000";

function sampleString(def: Def): string {
  const checks = (def.checks as { _zod: { def: { check: string; format?: string; minimum?: number } } }[]) ?? [];
  let value = "sample";
  for (const check of checks) {
    const c = check._zod.def;
    if (c.format === "uuid" || c.format === "guid") value = SAMPLE_ID;
    else if (c.format === "email") value = "analyst@contoso.example";
    else if (c.format === "datetime") value = "2026-12-01T00:00:00.000Z";
    else if (c.format === "url") value = "https://example.com/hook";
    else if (c.check === "min_length" && c.minimum && value.length < c.minimum) value = value.padEnd(c.minimum, "x");
  }
  return value;
}

/** A value near what `schema` accepts; `depth` stops recursive schemas. */
export function sampleFor(schema: ZodType | undefined, depth = 0): unknown {
  if (!schema || depth > 6) return undefined;
  const def = defOf(schema);
  switch (def.type) {
    case "string":
      return sampleString(def);
    case "number":
    case "int":
      return 1;
    case "boolean":
      return true;
    case "bigint":
      return 1;
    case "date":
      return "2026-12-01T00:00:00.000Z";
    case "literal":
      return (def.values as unknown[])[0];
    case "enum":
      return Object.values(def.entries as Record<string, unknown>)[0];
    case "array":
      return [sampleFor(def.element as ZodType, depth + 1)];
    case "tuple":
      return (def.items as ZodType[]).map((item) => sampleFor(item, depth + 1));
    case "record":
      return { key: sampleFor(def.valueType as ZodType, depth + 1) };
    case "object":
      return Object.fromEntries(
        Object.entries(def.shape as Record<string, ZodType>).map(([key, value]) => [key, sampleFor(value, depth + 1)]),
      );
    case "optional":
    case "nullable":
    case "default":
    case "prefault":
    case "readonly":
    case "catch":
    case "nonoptional":
      return sampleFor(def.innerType as ZodType, depth + 1);
    case "pipe":
      return sampleFor(def.in as ZodType, depth + 1);
    case "union":
      return sampleFor((def.options as ZodType[])[0], depth + 1);
    case "intersection":
      return {
        ...(sampleFor(def.left as ZodType, depth + 1) as object),
        ...(sampleFor(def.right as ZodType, depth + 1) as object),
      };
    case "lazy":
      return sampleFor((def.getter as () => ZodType)(), depth + 1);
    default:
      return "sample";
  }
}

/** The top-level keys of an object schema (through optional/default/pipe wrappers), for field-by-field mutation. */
export function objectKeys(schema: ZodType | undefined): string[] {
  if (!schema) return [];
  const def = defOf(schema);
  if (def.type === "object") return Object.keys(def.shape as object);
  if (["optional", "nullable", "default", "prefault", "readonly", "catch"].includes(def.type))
    return objectKeys(def.innerType as ZodType);
  if (def.type === "pipe") return objectKeys(def.in as ZodType);
  return [];
}

/**
 * Values that break assumptions: wrong types, very long and odd strings, extreme numbers, arrays for scalars,
 * SQL and KQL metacharacters, path traversal. The megabyte string goes only where the transport allows it
 * (a body larger than the route's limit must be refused with 413, a path cannot carry it).
 */
export const HOSTILE_VALUES: readonly unknown[] = [
  null,
  true,
  -1,
  0,
  1e308,
  -9007199254740993,
  Number.MAX_SAFE_INTEGER,
  1.5,
  "",
  " ",
  "x".repeat(10_000),
  "\u0000\u0001\u001b[31m\u202e",
  "𝔘𝔫𝔦𝔠𝔬𝔡𝔢 🛡️ עברית",
  "' OR 1=1 --",
  '\'; DROP TABLE "Alert"; --',
  '" | where 1==1 | take 100000 //',
  "DeviceEvents | union *",
  "../../../etc/passwd",
  "..%2F..%2Fetc%2Fpasswd",
  "%00",
  "2026-13-45T99:99:99Z",
  "NaN",
  "-0",
  [],
  ["a", "b"],
  [1, [2, [3]]],
  {},
  { __proto__: { polluted: true } },
  { constructor: { prototype: { polluted: true } } },
];

/** Strings only, for path segments and query parameters (which carry nothing else). */
export const HOSTILE_STRINGS: readonly string[] = [
  "",
  "x".repeat(4_000),
  "\u0000\u202e",
  "𝔘𝔫𝔦🛡️",
  "' OR 1=1 --",
  '" | take 100000',
  "../../../etc/passwd",
  "..%2F..%2F",
  "-1",
  "99999999999999999999999",
  "1e308",
  "NaN",
  "true",
  "[]",
  "2026-13-45",
];

export const MEGABYTE_STRING = "x".repeat(1024 * 1024);
