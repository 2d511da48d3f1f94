import { describe, expect, it } from "vitest";
import { describeFailedRead, describeProviderError } from "./describe-error";
import { ProviderError } from "./errors";

const err = (status: number, extra: Partial<ConstructorParameters<typeof ProviderError>[0]> = {}) =>
  new ProviderError({
    provider: "defender",
    status,
    code: status ? `Http${status}` : "Timeout",
    message: "went wrong",
    ...extra,
  });
const update = {
  what: "alert da1",
  act: "update",
  permission: "Alert.ReadWrite.All",
  nothingDone: "Nothing was changed.",
};

describe("describeProviderError", () => {
  it("maps each kind of refusal to the status a person can act on, quoting Microsoft and saying what did not happen", () => {
    const cases: [number, number, string][] = [
      [404, 404, "not_found"],
      [400, 422, "defender_refused"],
      [403, 502, "upstream_error"],
      [500, 502, "upstream_error"],
    ];
    for (const [status, expected, code] of cases) {
      const mapped = describeProviderError(err(status), update) as Error & { status: number; code: string };
      expect([mapped.status, mapped.code]).toEqual([expected, code]);
      expect(mapped.message).toContain("Defender said: went wrong");
      expect(mapped.message).toContain("Nothing was changed.");
    }
    expect(describeProviderError(err(403), update).message).toContain("Alert.ReadWrite.All");
  });

  it("throttling is a 503 with the wait Microsoft asked for", () => {
    const mapped = describeProviderError(err(429, { retryAfterMs: 12_300 }), update) as Error & {
      status: number;
      extra: { retryAfterSeconds?: number };
    };
    expect(mapped.status).toBe(503);
    expect(mapped.extra.retryAfterSeconds).toBe(13);
    expect(mapped.message).toContain("13 s");
  });

  it("a send that got no answer may still have been carried out, and says so", () => {
    const mapped = describeProviderError(err(0), {
      what: "WS-1",
      act: "isolation request",
      nothingDone: "Nothing was sent.",
      sentOnce: true,
    });
    expect(mapped.message).toMatch(/may have been created; it is not resent automatically/);
    expect(mapped.message).not.toContain("Nothing was sent.");
  });

  it("leaves errors that are not Microsoft's alone", () => {
    const own = new Error("database down");
    expect(describeProviderError(own, update)).toBe(own);
  });

  it("names Graph as Graph", () => {
    expect(
      describeProviderError(new ProviderError({ provider: "graph", status: 404, code: "x", message: "" }), {
        what: "device d",
        act: "read",
      }).message,
    ).toMatch(/^Microsoft Graph does not know device d/);
  });
});

describe("describeFailedRead", () => {
  it("says why a status could not be read, without claiming anything was sent or not", () => {
    expect(describeFailedRead(err(503, { message: "Service unavailable." }), { act: "status read" })).toBe(
      "Defender answered 503: Service unavailable.",
    );
    expect(describeFailedRead(err(429, { retryAfterMs: 30_000 }), { act: "status read" })).toBe(
      "Defender is throttling; the next status read is in 30 s.",
    );
  });
});
