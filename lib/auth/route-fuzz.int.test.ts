import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../db/testing";
import { getDatabase } from "../db";
import { readTestEnv } from "../config/env";
import { rateLimitWindows } from "./rate-limit";
import type { RouteHandler } from "./route";
import { callRoute, sessionCookieFor, TEST_ORIGIN } from "./testing";
import { HOSTILE_STRINGS, HOSTILE_VALUES, MEGABYTE_STRING, objectKeys, sampleFor } from "./route-inputs";

// Every route and method, as an Admin (who passes every permission check, so the input reaches the parsers and
// the domain code), with inputs near the valid ones and hostile values in each place: a wrong type, a very long or
// odd string, an extreme number, an array for a scalar, SQL and KQL metacharacters, path traversal in an id, a
// megabyte body. Each answer must be a clear JSON error or success: never a 500, never a stack trace, and within a
// bounded time. Microsoft is not configured here, so a route that would call it must say so, not fail.
// The cases come from a fixed seed; FUZZ_RUNS (npm run fuzz:routes) draws more of them.

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
const { fuzzRuns, fuzzSeed } = readTestEnv();
const MAX_MS = 5_000;

function routeFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return routeFiles(full);
    return name === "route.ts" ? [full] : [];
  });
}

const handlers: { label: string; file: string; method: string; handler: RouteHandler }[] = [];
for (const file of routeFiles("app")) {
  const mod = (await import(path.resolve(file))) as Record<string, unknown>;
  for (const method of METHODS)
    if (mod[method]) handlers.push({ label: `${method} ${file}`, file, method, handler: mod[method] as RouteHandler });
}

/** The dynamic segments of a route file's path, e.g. ["id"] for app/api/alerts/[id]/route.ts. */
const segmentsOf = (file: string) => [...file.matchAll(/\[(?:\.\.\.)?(\w+)\]/g)].map((m) => m[1]);

interface Case {
  what: string;
  params: Record<string, string>;
  query: Record<string, string>;
  body: unknown;
}

/** The cases for one handler: the sample, then one hostile value in each place, drawn from the seed. */
function casesFor(h: (typeof handlers)[number], seed: number): Case[] {
  const { schemas } = h.handler;
  const draws = fc.sample(fc.nat(), { seed, numRuns: 200 });
  let next = 0;
  const pick = <T>(values: readonly T[]) => values[draws[next++ % draws.length] % values.length];
  // Beside the hand-picked values, values fast-check generates: any JSON, any unicode string.
  const generated = fc.sample(fc.oneof(fc.jsonValue(), fc.string({ unit: "binary" })), { seed, numRuns: 20 });
  const hostileValues = [...HOSTILE_VALUES, ...generated];
  const hostileStrings = [...HOSTILE_STRINGS, ...generated.filter((v): v is string => typeof v === "string")];
  const sampleParams = Object.fromEntries(
    segmentsOf(h.file).map((name) => {
      const sample = (sampleFor(schemas.params) as Record<string, unknown> | undefined)?.[name];
      return [name, typeof sample === "string" ? sample : "00000000-0000-4000-8000-000000000000"];
    }),
  );
  const sampleQuery = Object.fromEntries(
    Object.entries((sampleFor(schemas.query) as Record<string, unknown> | undefined) ?? {})
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => [k, Array.isArray(v) ? String(v[0]) : String(v)]),
  );
  const hasBody = h.method !== "GET" && h.method !== "DELETE";
  const sampleBody = hasBody ? (sampleFor(schemas.body) ?? {}) : undefined;
  const base: Case = { what: "sample", params: sampleParams, query: sampleQuery, body: sampleBody };
  const cases: Case[] = [base];
  for (let run = 0; run < fuzzRuns; run++) {
    for (const name of Object.keys(sampleParams))
      cases.push({ ...base, what: `param ${name}`, params: { ...sampleParams, [name]: pick(hostileStrings) } });
    const queryKeys = objectKeys(schemas.query);
    if (queryKeys.length) {
      const key = pick(queryKeys);
      cases.push({ ...base, what: `query ${key}`, query: { ...sampleQuery, [key]: pick(hostileStrings) } });
    }
    if (hasBody) {
      cases.push({ ...base, what: "whole body", body: pick(hostileValues) });
      const bodyKeys = objectKeys(schemas.body);
      if (bodyKeys.length && sampleBody && typeof sampleBody === "object") {
        const key = pick(bodyKeys);
        cases.push({ ...base, what: `body.${key}`, body: { ...sampleBody, [key]: pick(hostileValues) } });
      }
    }
  }
  if (hasBody) cases.push({ ...base, what: "a megabyte body", body: { value: MEGABYTE_STRING } });
  return cases;
}

let database: TestDatabase;
let admin: string;

beforeAll(async () => {
  database = await createTestDatabase("pglite");
  getDatabase.replaceForTests(database);
  admin = await sessionCookieFor("Admin", "fuzz-admin");
});
afterAll(async () => {
  await database?.close();
});

describe(`every route with hostile input (seed ${fuzzSeed}, ${fuzzRuns} run(s) per place)`, () => {
  it("finds the route handlers", () => {
    expect(handlers.length).toBeGreaterThanOrEqual(40);
  });

  it.each(handlers.map((h) => [h.label, h] as const))(
    "%s answers a clear 4xx or success, never a 500",
    async (_, h) => {
      const failures: string[] = [];
      for (const c of casesFor(h, fuzzSeed + handlers.indexOf(h))) {
        rateLimitWindows().byKey.clear(); // the per-user limit would hide everything after the 120th request
        const search = new URLSearchParams(c.query).toString();
        const started = performance.now();
        const res = await callRoute(h.handler, {
          method: h.method,
          path: `/fuzz${search ? `?${search}` : ""}`,
          params: c.params,
          headers: { cookie: admin, origin: TEST_ORIGIN },
          body: c.body,
        });
        const ms = performance.now() - started;
        const text = await res.text();
        const where = `${c.what} → ${res.status}`;
        if (res.status >= 500 && res.status !== 502 && res.status !== 503 && res.status !== 504)
          failures.push(`${where}: ${text.slice(0, 200)}`);
        if (ms > MAX_MS) failures.push(`${where}: took ${Math.round(ms)} ms`);
        if (/\n\s+at .+\(.+:\d+:\d+\)/.test(text)) failures.push(`${where}: a stack trace in the answer`);
        const type = res.headers.get("content-type") ?? "";
        if (res.status >= 400) {
          const body = type.includes("json")
            ? (JSON.parse(text) as { error?: { code?: string; message?: string } })
            : {};
          if (!body.error?.code || !body.error.message) failures.push(`${where}: no { error: { code, message } }`);
        }
      }
      expect(failures).toEqual([]);
    },
    60_000,
  );
});
