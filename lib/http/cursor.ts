import { z, type ZodType } from "zod";
import { BadRequest } from "./errors";

// Opaque cursors: base64url JSON, validated on the way back in. A cursor that does not round-trip is a 400,
// never a silent empty page.

export function encodeCursor(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString("base64url");
}

/**
 * A keyset page from a query that read `limit + 1` rows: the first `limit` rows, and the cursor after the last of
 * them (`cursorOf` says what it carries) only when the extra row shows there is more.
 */
export function keysetPage<R>(
  rows: readonly R[],
  limit: number,
  cursorOf: (last: R) => unknown,
): { shown: R[]; nextCursor: string | null } {
  const shown = rows.slice(0, limit);
  const last = shown.at(-1);
  return { shown, nextCursor: rows.length > limit && last !== undefined ? encodeCursor(cursorOf(last)) : null };
}

const CASTABLE: Record<string, (v: string) => boolean> = {
  int: (v) => /^-?\d{1,9}$/.test(v),
  bigint: (v) => /^-?\d{1,18}$/.test(v),
  float: (v) => /^-?(Infinity|\d{1,20}(\.\d{1,20})?(e[+-]?\d{1,3})?)$/.test(v),
  timestamp: (v) => /^-?infinity$/.test(v) || (/^\d{4}-\d{2}-\d{2}/.test(v) && !Number.isNaN(Date.parse(v))),
  text: () => true,
};

/**
 * A cursor's sort value must fit the SQL type it is cast to (a keyset compares it with the column): otherwise the
 * cast would fail in the database and answer 500. Throws the same 400 as any other cursor that does not fit.
 */
export function assertCursorValue(type: string, value: string): void {
  if (!(CASTABLE[type] ?? CASTABLE.text)(value)) throw invalidCursor();
}

/** The 400 for a cursor that does not fit the query it is sent to. */
export function invalidCursor(): BadRequest {
  return new BadRequest("cursor is not valid: start again from the first page", [
    { path: "cursor", message: "invalid cursor" },
  ]);
}

export function decodeCursor<T>(cursor: string, shape: ZodType<T>): T {
  try {
    return shape.parse(JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")));
  } catch {
    throw invalidCursor();
  }
}

/** The cursor of a list sorted by a timestamp and an id, newest first: the last row's (at, id). */
export const TimeIdCursor = z.object({
  at: z
    .string()
    .max(40)
    .refine((v) => !Number.isNaN(Date.parse(v)), "a timestamp"),
  id: z.string().max(100),
});
