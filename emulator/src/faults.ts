// Faults on demand (issue item 7): rate limits, latency, random 500/503, dropped connections,
// malformed records in list pages, nextLink loops, and forced machine-action outcomes.
// Random decisions come from a PRNG re-seeded on every change, so a test run is repeatable.
import { Rng } from "./random";

export interface FaultSpec {
  /** true = documented limits per endpoint family (API pages' Limitations); perMinute/perHour override every family. */
  rateLimit?: boolean | { perMinute?: number; perHour?: number; windowSeconds?: number };
  /** Share of API calls answered with 500 or 503. */
  errorRate?: number;
  /** Delay added to every API call. */
  latencyMs?: number;
  /** Share of API calls whose connection is destroyed without a response. */
  dropRate?: number;
  /** Share of list pages with one malformed record (missing key or a wrong-typed required field). */
  malformedRate?: number;
  /** nextLinks after the first page point back to the previous page. */
  nextLinkLoop?: boolean;
  /** New machine actions end in this status instead of Succeeded. */
  actionOutcome?: "Failed" | "TimeOut";
  /** Advanced hunting: per-query evaluation deadline (default 3 minutes, the Graph limit) → timeout error. */
  huntingTimeoutMs?: number;
  /** Advanced hunting: CPU budget per 15-minute cycle in row units (rows scanned + returned); default 200,000,000. */
  huntingCpuBudget?: number;
  /** The legacy MDE/XDR advanced hunting routes answer as retired (MC1220762). */
  legacyHuntingRetired?: boolean;
  /** Also apply latency/errors/drops to the Entra ID endpoints (off by default). */
  includeIdentity?: boolean;
}

const KNOWN_KEYS = new Set([
  "rateLimit",
  "errorRate",
  "latencyMs",
  "dropRate",
  "malformedRate",
  "nextLinkLoop",
  "actionOutcome",
  "includeIdentity",
  "huntingTimeoutMs",
  "huntingCpuBudget",
  "legacyHuntingRetired",
]);

function rate(v: unknown, key: string): number | undefined {
  if (v === undefined) return undefined;
  if (typeof v !== "number" || !(v >= 0 && v <= 1)) throw new Error(`'${key}' must be a number between 0 and 1`);
  return v;
}

/** Hand-written validation (no schema library: the emulator shares nothing with the console). */
export function parseFaultSpec(input: unknown): FaultSpec {
  if (typeof input !== "object" || input === null || Array.isArray(input))
    throw new Error("faults must be a JSON object");
  const o = input as Record<string, unknown>;
  for (const k of Object.keys(o)) if (!KNOWN_KEYS.has(k)) throw new Error(`unknown fault '${k}'`);
  const spec: FaultSpec = {};
  if (o.rateLimit !== undefined && o.rateLimit !== false) {
    if (o.rateLimit === true) spec.rateLimit = true;
    else if (typeof o.rateLimit === "object" && o.rateLimit !== null) {
      const r = o.rateLimit as Record<string, unknown>;
      const out: { perMinute?: number; perHour?: number; windowSeconds?: number } = {};
      // windowSeconds: test knob that shortens the "per minute" window so 429 tests finish in seconds.
      for (const k of ["perMinute", "perHour", "windowSeconds"] as const) {
        if (r[k] === undefined) continue;
        if (typeof r[k] !== "number" || !Number.isInteger(r[k]) || (r[k] as number) < 1)
          throw new Error(`'rateLimit.${k}' must be a positive integer`);
        out[k] = r[k] as number;
      }
      spec.rateLimit = out;
    } else throw new Error("'rateLimit' must be true or {perMinute, perHour, windowSeconds}");
  }
  const errorRate = rate(o.errorRate, "errorRate");
  if (errorRate !== undefined) spec.errorRate = errorRate;
  const dropRate = rate(o.dropRate, "dropRate");
  if (dropRate !== undefined) spec.dropRate = dropRate;
  const malformedRate = rate(o.malformedRate, "malformedRate");
  if (malformedRate !== undefined) spec.malformedRate = malformedRate;
  if (o.latencyMs !== undefined) {
    if (typeof o.latencyMs !== "number" || o.latencyMs < 0 || o.latencyMs > 120_000)
      throw new Error("'latencyMs' must be between 0 and 120000");
    spec.latencyMs = o.latencyMs;
  }
  if (o.nextLinkLoop !== undefined) {
    if (typeof o.nextLinkLoop !== "boolean") throw new Error("'nextLinkLoop' must be a boolean");
    spec.nextLinkLoop = o.nextLinkLoop;
  }
  if (o.includeIdentity !== undefined) {
    if (typeof o.includeIdentity !== "boolean") throw new Error("'includeIdentity' must be a boolean");
    spec.includeIdentity = o.includeIdentity;
  }
  for (const k of ["huntingTimeoutMs", "huntingCpuBudget"] as const) {
    if (o[k] === undefined) continue;
    if (typeof o[k] !== "number" || !Number.isInteger(o[k]) || (o[k] as number) < 1)
      throw new Error(`'${k}' must be a positive integer`);
    spec[k] = o[k] as number;
  }
  if (o.legacyHuntingRetired !== undefined) {
    if (typeof o.legacyHuntingRetired !== "boolean") throw new Error("'legacyHuntingRetired' must be a boolean");
    spec.legacyHuntingRetired = o.legacyHuntingRetired;
  }
  if (o.actionOutcome !== undefined) {
    if (o.actionOutcome !== "Failed" && o.actionOutcome !== "TimeOut")
      throw new Error("'actionOutcome' must be 'Failed' or 'TimeOut'");
    spec.actionOutcome = o.actionOutcome;
  }
  return spec;
}

export class Faults {
  private current: FaultSpec = {};
  private rng: Rng;
  private generation = 0;

  constructor(private readonly seed: string) {
    this.rng = new Rng(`${seed}:faults:0`);
  }

  get spec(): FaultSpec {
    return this.current;
  }

  set(spec: FaultSpec): void {
    this.current = spec;
    this.generation++;
    this.rng = new Rng(`${this.seed}:faults:${this.generation}:${JSON.stringify(spec)}`);
  }

  latencyMs(): number {
    return this.current.latencyMs ?? 0;
  }

  shouldDrop(): boolean {
    return (this.current.dropRate ?? 0) > 0 && this.rng.chance(this.current.dropRate!);
  }

  /** 0 for no injected error, else 500 or 503. */
  injectedError(): 0 | 500 | 503 {
    if (!((this.current.errorRate ?? 0) > 0 && this.rng.chance(this.current.errorRate!))) return 0;
    return this.rng.chance(0.5) ? 500 : 503;
  }

  /** Index of the record to corrupt in a page of `size`, or -1. */
  malformedIndex(size: number): number {
    if (size === 0 || !((this.current.malformedRate ?? 0) > 0 && this.rng.chance(this.current.malformedRate!)))
      return -1;
    return this.rng.int(0, size - 1);
  }

  malformVariant(): number {
    return this.rng.int(0, 2);
  }

  get nextLinkLoop(): boolean {
    return this.current.nextLinkLoop === true;
  }

  get actionOutcome(): "Failed" | "TimeOut" | null {
    return this.current.actionOutcome ?? null;
  }

  get includeIdentity(): boolean {
    return this.current.includeIdentity === true;
  }
}
