import type { ZodType } from "zod";
import { BadRequest } from "./errors";

// Opaque cursors: base64url JSON, validated on the way back in. A cursor that does not round-trip is a 400,
// never a silent empty page.

export function encodeCursor(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString("base64url");
}

export function decodeCursor<T>(cursor: string, shape: ZodType<T>): T {
  try {
    return shape.parse(JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")));
  } catch {
    throw new BadRequest("cursor is not valid: start again from the first page", [{ path: "cursor", message: "invalid cursor" }]);
  }
}
