import { z } from "zod";
import {
  DEFAULT_TIMESPAN,
  HUNTING_QUERY_MAX,
  HUNTING_TIMESPANS,
  type HuntingOutcome,
  type HuntingTimespan,
} from "./vocabulary";

// Client-safe: the hunting page's inputs (zod) and answers (types). Browser code takes values from ./vocabulary.

export * from "./vocabulary";

const queryText = z
  .string()
  .max(HUNTING_QUERY_MAX, `a query is at most ${HUNTING_QUERY_MAX.toLocaleString("en-US")} characters`)
  .refine((q) => q.trim().length > 0, "write a query first");

export const HuntingRunInput = z
  .object({
    query: queryText,
    timespan: z.enum(HUNTING_TIMESPANS).default(DEFAULT_TIMESPAN),
  })
  .strict();
export type HuntingRunInput = z.infer<typeof HuntingRunInput>;

export interface HuntingColumn {
  name: string;
  type: string;
}

/** The shared budget every console user draws on, as the meter shows it. */
export interface QuotaState {
  callsLastMinute: number;
  callsPerMinute: number;
  cpu: { exhausted: boolean; retryAt: string | null };
  /** When the next run will be admitted, if it would be refused now. */
  retryAt: string | null;
}

export interface HuntingRunResult {
  columns: HuntingColumn[];
  /** Exactly Graph's `results`. */
  rows: Record<string, unknown>[];
  rowCount: number;
  /** Graph returns at most 100,000 rows: a result that long may be cut off. */
  truncated: boolean;
  durationMs: number;
  quota: QuotaState;
}

const name = z.string().trim().min(1, "give the query a name").max(120);
const tags = z
  .array(z.string().trim().min(1).max(40))
  .max(20)
  .transform((ts) => [...new Set(ts)]);
const folder = z
  .string()
  .max(200)
  .transform((f) =>
    f
      .split("/")
      .map((p) => p.trim())
      .filter(Boolean)
      .join("/"),
  );

export const SavedQueryInput = z
  .object({
    name,
    description: z.string().trim().max(2_000).default(""),
    tags: tags.default([]),
    folder: folder.default(""),
    query: queryText,
    shared: z.boolean().default(false),
  })
  .strict();
export type SavedQueryInput = z.infer<typeof SavedQueryInput>;

export const SavedQueryPatch = z
  .object({
    name: name.optional(),
    description: z.string().trim().max(2_000).optional(),
    tags: tags.optional(),
    folder: folder.optional(),
    query: queryText.optional(),
    shared: z.boolean().optional(),
  })
  .strict()
  .refine((p) => Object.keys(p).length > 0, "change at least one field");
export type SavedQueryPatch = z.infer<typeof SavedQueryPatch>;

/** A saved query's id: a uuid, or a starter query's `starter-…` name. */
export const SavedQueryRef = z.object({ id: z.string().regex(/^[\w-]{1,64}$/, "not a saved query id") });

export interface SavedQuery {
  id: string;
  name: string;
  description: string;
  tags: string[];
  folder: string;
  query: string;
  shared: boolean;
  starter: boolean;
  /** Starter queries: what was corrected in the original and why. */
  note?: string;
  owner: { upn: string; name: string } | null;
  updatedAt: string;
  canEdit: boolean;
}

export const HistoryQuery = z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) }).strict();

export interface HuntingHistoryRun {
  id: string;
  at: string;
  query: string;
  queryHash: string;
  timespan: HuntingTimespan | string;
  rowCount: number | null;
  durationMs: number;
  outcome: HuntingOutcome;
  error?: string;
}
