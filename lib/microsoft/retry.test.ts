import { describe, expect, it } from "vitest";
import { backoffDelay, parseRetryAfter } from "./retry";

describe("parseRetryAfter", () => {
  const now = Date.parse("2025-03-01T12:00:00Z");
  it("reads delta-seconds, as MDE documents", () => {
    expect(parseRetryAfter("8", now)).toBe(8000);
    expect(parseRetryAfter(" 0 ", now)).toBe(0);
    expect(parseRetryAfter("1.5", now)).toBe(1500);
  });
  it("reads an HTTP-date relative to now, never negative", () => {
    expect(parseRetryAfter("Sat, 01 Mar 2025 12:00:30 GMT", now)).toBe(30_000);
    expect(parseRetryAfter("Sat, 01 Mar 2025 11:00:00 GMT", now)).toBe(0);
  });
  it("ignores absent or unreadable values", () => {
    expect(parseRetryAfter(null, now)).toBeNull();
    expect(parseRetryAfter("", now)).toBeNull();
    expect(parseRetryAfter("soon", now)).toBeNull();
    expect(parseRetryAfter("-5", now)).toBeNull();
  });
});

describe("backoffDelay (full jitter)", () => {
  const opts = { baseMs: 500, maxMs: 30_000 };
  it("grows exponentially up to the cap", () => {
    expect(backoffDelay(0, opts, () => 0.999)).toBe(499);
    expect(backoffDelay(3, opts, () => 0.999)).toBe(3996);
    expect(backoffDelay(20, opts, () => 0.999)).toBe(29_970);
  });
  it("is uniform from zero", () => {
    expect(backoffDelay(4, opts, () => 0)).toBe(0);
    expect(backoffDelay(4, opts, () => 0.5)).toBe(4000);
  });
});
