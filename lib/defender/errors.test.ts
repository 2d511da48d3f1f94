import { describe, expect, it } from "vitest";
import { Conflict, UpstreamError } from "../http/errors";
import { ProviderError, ProviderRefused } from "../microsoft";
import {
  describeLiveResponseRefusal,
  isIndicatorCapReached,
  isIndicatorCapReason,
  isNoAutomationLevel,
  isThrottled,
} from "./errors";

// The documented refusals of live response and indicators, named so a person knows what to do.

const mde = (status: number, code: string, message: string, retryAfterMs: number | null = null) =>
  new ProviderError({ provider: "defender", status, code, message, retryAfterMs });

describe("live response refusals", () => {
  it("a second session on the device is a conflict naming the device", () => {
    const err = describeLiveResponseRefusal(
      mde(400, "ActiveRequestAlreadyExists", "Action is already in progress"),
      "WS-7",
    );
    expect(err).toBeInstanceOf(Conflict);
    expect(err.message).toBe(
      "Another live response session is already running on WS-7; a device takes one session at a time. Wait for it to finish or cancel it.",
    );
  });

  it("a group without automation is Defender's refusal, not a permission problem of the app", () => {
    const raw = mde(403, "DisallowedOperation", "This device has no automation level assigned to it.");
    expect(isNoAutomationLevel(raw)).toBe(true);
    const err = describeLiveResponseRefusal(raw, "srv-dev-1");
    expect(err).toBeInstanceOf(ProviderRefused);
    expect(err.message).toMatch(/device group has no automation level/);
    expect(err.message).not.toMatch(/app registration/);
  });

  it("throttling says which limit and when to retry", () => {
    const calls = describeLiveResponseRefusal(mde(429, "TooManyRequests", "API calls quota exceeded!", 42_000), "WS-1");
    expect(calls).toBeInstanceOf(UpstreamError);
    expect(calls.message).toBe(
      "Defender is throttling: live response allows 10 requests a minute. Try again in 42 s. Nothing was sent.",
    );
    const sessions = describeLiveResponseRefusal(
      mde(429, "TooManyRequests", "Too many requests: 25 LiveResponse sessions are already running", 60_000),
      "WS-1",
    );
    expect(sessions.message).toMatch(/25 live response sessions are already running/);
  });

  it("other failures keep the common wording", () => {
    const err = describeLiveResponseRefusal(mde(404, "ResourceNotFound", "Machine x was not found"), "WS-9");
    expect(err.message).toMatch(/does not know WS-9/);
  });
});

describe("indicator refusals", () => {
  it("recognises the 15,000 cap and the import quota", () => {
    expect(
      isIndicatorCapReached(mde(400, "BadRequest", "The tenant has reached the limit of 15000 active indicators.")),
    ).toBe(true);
    expect(isIndicatorCapReached(mde(400, "InvalidHashValue", "Hash value x is invalid."))).toBe(false);
    expect(isIndicatorCapReason("Maximum 15,000 indicators reached")).toBe(true);
    expect(isIndicatorCapReason(null)).toBe(false);
    expect(isThrottled(mde(429, "429", "API calls quota exceeded! Maximum allowed 30 per 00:01:00", 8000))).toBe(true);
  });
});
