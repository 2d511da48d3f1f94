import { describe, expect, it } from "vitest";
import { ProviderError } from "./errors";
import { createHttpCore, type HttpCall } from "./http";
import { StatsRecorder } from "./stats";

// The retry policy against a scripted fetch: no network, no real waiting.

type Step = { status: number; body?: string; headers?: Record<string, string> } | { error: "reset" | "timeout" };

function scripted(steps: Step[]) {
  const seen: { method: string; url: string; auth: string | null }[] = [];
  const fetchFn = (async (input: URL | string, init?: RequestInit) => {
    const h = new Headers(init?.headers);
    seen.push({ method: init?.method ?? "GET", url: String(input), auth: h.get("authorization") });
    const step = steps.shift();
    if (!step) throw new Error("no more scripted responses");
    if ("error" in step) {
      if (step.error === "timeout") throw new DOMException("The operation was aborted due to timeout", "TimeoutError");
      throw new TypeError("fetch failed", { cause: { code: "ECONNRESET" } });
    }
    return new Response(step.body ?? "", { status: step.status, headers: step.headers });
  }) as typeof fetch;
  return { fetchFn, seen };
}

function core(steps: Step[], extra: { retryAfterCapMs?: number; maxRetries?: number } = {}) {
  const { fetchFn, seen } = scripted(steps);
  const waits: number[] = [];
  const stats = new StatsRecorder();
  const c = createHttpCore({
    provider: "defender",
    fetch: fetchFn,
    stats,
    sleep: async (ms) => void waits.push(ms),
    now: () => Date.parse("2025-03-01T12:00:00Z"),
    random: () => 0.5,
    ...extra,
  });
  return { c, seen, waits, stats };
}

const get: HttpCall = {
  method: "GET",
  url: new URL("https://mde.test/api/alerts"),
  statsKey: "/api/alerts",
  token: async () => "tok",
};
const isolate: HttpCall = {
  method: "POST",
  url: new URL("https://mde.test/api/machines/m1/isolate"),
  statsKey: "/api/machines/{id}/isolate",
  body: { Comment: "x" },
  token: async () => "tok",
};
const ok = { status: 200, body: '{"value":[]}' };
const mdeError = (status: number, code: string, message: string, headers?: Record<string, string>) => ({
  status,
  body: JSON.stringify({ error: { code, message, target: "t-1" } }),
  headers,
});

describe("http core retries", () => {
  it("honours Retry-After on 429, for any method, and counts the throttling", async () => {
    const { c, waits, stats, seen } = core([
      mdeError(429, "TooManyRequests", "quota", { "retry-after": "7" }),
      { status: 201, body: '{"id":"a"}' },
    ]);
    const res = await c.send(isolate);
    expect(res.status).toBe(201);
    expect(waits).toEqual([7000]);
    expect(stats.snapshot()).toMatchObject({
      calls: 2,
      retries: 1,
      throttled: 1,
      byPath: { "/api/machines/{id}/isolate": 2 },
    });
    expect(seen[0]!.auth).toBe("Bearer tok");
  });

  it("reads an HTTP-date Retry-After", async () => {
    const { c, waits } = core([
      mdeError(503, "ServiceUnavailable", "busy", { "retry-after": "Sat, 01 Mar 2025 12:00:03 GMT" }),
      ok,
    ]);
    await c.send(get);
    expect(waits).toEqual([3000]);
  });

  it("fails at once with retryAfterMs when the wait exceeds the cap", async () => {
    const { c, waits } = core([mdeError(429, "TooManyRequests", "hourly quota", { "retry-after": "3600" })], {
      retryAfterCapMs: 60_000,
    });
    const err = await c.send(get).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ProviderError);
    expect(err).toMatchObject({ status: 429, code: "TooManyRequests", retryAfterMs: 3_600_000, target: "t-1" });
    expect(waits).toEqual([]);
  });

  it("retries 5xx, timeouts, resets and non-JSON bodies on GET with jittered backoff", async () => {
    const { c, waits, stats } = core([
      mdeError(500, "InternalServerError", "x"),
      { error: "timeout" },
      { error: "reset" },
      { status: 502, body: "<html>" },
      { status: 200, body: '{"value":[' },
      ok,
    ]);
    const res = await c.send(get);
    expect(res.json).toEqual({ value: [] });
    expect(waits).toEqual([250, 500, 1000, 2000, 4000]);
    expect(stats.snapshot()).toMatchObject({ calls: 6, retries: 5, throttled: 0 });
  });

  it("gives up after maxRetries", async () => {
    const { c, stats } = core(
      Array.from({ length: 10 }, () => mdeError(503, "ServiceUnavailable", "down")),
      { maxRetries: 2 },
    );
    await expect(c.send(get)).rejects.toMatchObject({ status: 503, code: "ServiceUnavailable" });
    expect(stats.snapshot().calls).toBe(3);
  });

  it("lets one call ask for fewer retries than the client's, without sleeping on Retry-After", async () => {
    const { c, stats, waits } = core([mdeError(429, "TooManyRequests", "quota", { "retry-after": "30" }), ok]);
    await expect(c.send({ ...get, maxRetries: 0 })).rejects.toMatchObject({ status: 429, retryAfterMs: 30_000 });
    expect(stats.snapshot().calls).toBe(1);
    expect(waits).toEqual([]);
  });

  it("never repeats a machine action after a 5xx or a dropped connection", async () => {
    const a = core([mdeError(500, "InternalServerError", "x"), { status: 201, body: "{}" }]);
    await expect(a.c.send(isolate)).rejects.toMatchObject({ status: 500 });
    expect(a.stats.snapshot().calls).toBe(1);
    const b = core([{ error: "reset" }, { status: 201, body: "{}" }]);
    const err = (await b.c.send(isolate).catch((e: unknown) => e)) as ProviderError;
    expect(err).toMatchObject({ status: 0, code: "ConnectionError" });
    expect(err.message).toMatch(/may or may not have been carried out/);
    expect(b.stats.snapshot().calls).toBe(1);
  });

  it("repeats a POST marked idempotent", async () => {
    const { c } = core([mdeError(503, "ServiceUnavailable", "x"), { status: 200, body: "" }]);
    const res = await c.send({ ...isolate, idempotent: true });
    expect(res.json).toBeUndefined();
  });

  it("does not retry client errors and keeps the MDE envelope", async () => {
    const { c, stats } = core([mdeError(400, "ActiveRequestAlreadyExists", "Action is already in progress")]);
    await expect(c.send(isolate)).rejects.toMatchObject({
      status: 400,
      code: "ActiveRequestAlreadyExists",
      message: "Action is already in progress",
    });
    expect(stats.snapshot().calls).toBe(1);
  });

  it("reads the Graph envelope and request id", async () => {
    const body = JSON.stringify({
      error: { code: "accessDenied", message: "nope", innerError: { "request-id": "rid-9", date: "x" } },
    });
    const { c } = core([{ status: 403, body }]);
    await expect(c.send(get)).rejects.toMatchObject({ status: 403, code: "accessDenied", msRequestId: "rid-9" });
  });
});

describe("raw bodies", () => {
  it("sends a raw body as is with its own content type (a multipart upload)", async () => {
    const sent: { type: string | null; body: unknown }[] = [];
    const fetchFn = (async (_input: URL | string, init?: RequestInit) => {
      sent.push({ type: new Headers(init?.headers).get("content-type"), body: init?.body });
      return new Response('{"fileName":"a.ps1"}', { status: 200 });
    }) as typeof fetch;
    const c = createHttpCore({ provider: "defender", fetch: fetchFn, stats: new StatsRecorder() });
    const data = new TextEncoder().encode("--b\r\n…\r\n--b--\r\n");
    const res = await c.send({
      method: "POST",
      url: new URL("https://mde.test/api/libraryfiles"),
      statsKey: "/api/libraryfiles",
      body: { ignored: true },
      rawBody: { contentType: "multipart/form-data; boundary=b", data },
    });
    expect(res.json).toEqual({ fileName: "a.ps1" });
    expect(sent).toEqual([{ type: "multipart/form-data; boundary=b", body: data }]);
  });
});
