import { z } from "zod";

// Value shapes every Microsoft API shares. Defender sends timestamps with up to seven fractional digits, Graph with
// an offset or a Z: both must parse, and they stay ISO strings.

const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/i;

/** An ISO 8601 date-time string that Date.parse understands. */
export const IsoDateTime = z
  .string()
  .refine((s) => ISO_DATE_TIME.test(s) && !Number.isNaN(Date.parse(s)), { message: "expected an ISO 8601 date-time" });
