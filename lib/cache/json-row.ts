import type { Prisma } from "../db";

// A cached table's row as the bulk upsert sends it: the Prisma model's columns, with the values JSON can carry.
// Deriving it from the model makes a column added to prisma/schema.prisma a compile error in the table's spec
// until the spec (and its mapper) write it.

type JsonValueOf<V> = V extends Date
  ? string
  : V extends bigint
    ? number | string
    : V extends Prisma.JsonValue
      ? V
      : V extends readonly (infer E)[]
        ? JsonValueOf<E>[]
        : V;

/**
 * Model `M` as written by a bulk upsert: dates as ISO strings (UTC), 64-bit ids as numbers or strings. The tenant
 * is not a column of the row: the upsert stamps it on every row (./bulk.ts).
 */
export type JsonRow<M> = { [K in Exclude<keyof M, "tenantId">]: JsonValueOf<M[K]> };
