import { z } from "zod";

// Client-safe zod helpers for list URLs (the browser builds the same links the server parses).

/**
 * A repeated parameter (?severity=High&severity=Low) or a comma list (?severity=High,Low) → distinct, trimmed,
 * non-empty values, each checked by `item`; more than `max` is a 400, not a silently truncated filter.
 */
export function multi<T extends z.ZodType<string, string>>(item: T, max = 50) {
  return z
    .union([z.string(), z.array(z.string())])
    .optional()
    .transform((v) =>
      v === undefined
        ? []
        : [
            ...new Set(
              (Array.isArray(v) ? v : [v])
                .flatMap((s) => s.split(","))
                .map((s) => s.trim())
                .filter(Boolean),
            ),
          ],
    )
    .pipe(z.array(item).max(max));
}

/** A single-valued parameter; an empty value (?q=) counts as absent, so cleared form fields fall back to defaults. */
export function single<T extends z.ZodType>(schema: T) {
  return z.preprocess((v) => (v === "" ? undefined : v), schema);
}

/** A parameter read once: a repeated one (?range=30d&range=7d) takes its first value. */
export function firstOf<T extends z.ZodType>(schema: T) {
  return z.preprocess((v) => (Array.isArray(v) ? v[0] : v), schema);
}

/** A query string as the object a page's `searchParams` or a route's query schema sees: repeated keys → arrays. */
export function queryRecord(params: URLSearchParams): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const key of new Set(params.keys())) {
    const all = params.getAll(key);
    out[key] = all.length > 1 ? all : all[0];
  }
  return out;
}

/**
 * Parses a page's query string, dropping only the parameters that fail: a bad value in a shared link should not
 * cost the rest of the view. Returns the names that were ignored, for the page to say so.
 */
export function parseLeniently<S extends z.ZodType>(
  schema: S,
  raw: Record<string, unknown>,
): { value: z.infer<S>; ignored: string[] } {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return { value: parsed.data, ignored: [] };
  const ignored = [...new Set(parsed.error.issues.map((i) => String(i.path[0] ?? "")))].filter(Boolean);
  const kept = Object.fromEntries(Object.entries(raw).filter(([k]) => !ignored.includes(k)));
  const retry = schema.safeParse(kept);
  // A failure not tied to one parameter (a cross-field rule) falls back to the page's defaults.
  return { value: retry.success ? retry.data : schema.parse({}), ignored: ignored.length ? ignored : Object.keys(raw) };
}

/**
 * A list view as its canonical query string: `keys` in order, lists sorted and comma-joined, empty values and
 * values equal to their default left out (so equal views share one URL and one cache key).
 */
export function viewToSearch<V extends object>(
  view: Partial<V>,
  keys: readonly (keyof V & string)[],
  defaults: Partial<Record<keyof V & string, string>> = {},
): URLSearchParams {
  const out = new URLSearchParams();
  for (const key of keys) {
    const value = view[key] as unknown;
    if (value === undefined || value === null || value === "" || value === defaults[key]) continue;
    if (Array.isArray(value)) {
      if (value.length) out.set(key, [...value].map(String).sort().join(","));
    } else out.set(key, String(value));
  }
  return out;
}
