import { describe, expect, it } from "vitest";
import { ProviderError } from "../microsoft";
import { huntingFailure, HuntingQueryResults } from "./hunting";

const graphError = (status: number, message: string, extra: { code?: string; retryAfterMs?: number } = {}) =>
  new ProviderError({
    provider: "graph",
    status,
    code: extra.code ?? "BadRequest",
    message,
    retryAfterMs: extra.retryAfterMs,
  });

describe("runHuntingQuery's answer", () => {
  it("reads the schema in either casing Microsoft's pages show", () => {
    const parsed = HuntingQueryResults.parse({
      schema: [
        { name: "Timestamp", type: "DateTime" },
        { Name: "FileName", Type: "String" },
      ],
      results: [{ Timestamp: "2024-03-26T09:39:50.7688641Z", FileName: "cmd.exe" }],
    });
    expect(parsed.schema).toEqual([
      { name: "Timestamp", type: "DateTime" },
      { name: "FileName", type: "String" },
    ]);
  });

  it("refuses a schema column without a name, and a row that is not an object", () => {
    expect(HuntingQueryResults.safeParse({ schema: [{ type: "String" }], results: [] }).success).toBe(false);
    expect(HuntingQueryResults.safeParse({ schema: [], results: [["cmd.exe"]] }).success).toBe(false);
  });
});

describe("huntingFailure", () => {
  it("passes Kusto's own words through for a 400", () => {
    const message = "'where' operator: Failed to resolve scalar expression named 'TimeGenerated'";
    expect(huntingFailure(graphError(400, message))).toEqual({ kind: "invalid", message });
  });

  it("tells the per-minute call limit from the CPU cycle", () => {
    expect(
      huntingFailure(
        graphError(429, "API calls quota exceeded! Maximum allowed 45 per 00:01:00", { retryAfterMs: 12_000 }),
      ),
    ).toMatchObject({ kind: "throttled", limit: "calls", retryAfterMs: 12_000 });
    expect(
      huntingFailure(
        graphError(
          429,
          "You have exceeded processing resources allocated to this tenant. You can run queries again in 5 minutes and 3 seconds.",
        ),
      ),
    ).toMatchObject({ kind: "throttled", limit: "cpu", retryAfterMs: 303_000 });
  });

  it("names a gateway timeout, a cancel and an outage apart", () => {
    expect(huntingFailure(graphError(504, "", { code: "UnknownError" })).kind).toBe("timeout");
    expect(huntingFailure(graphError(0, "cancelled", { code: "Cancelled" })).kind).toBe("cancelled");
    expect(huntingFailure(graphError(503, "Service unavailable"))).toMatchObject({ kind: "failed", status: 503 });
  });
});
