import { AppTokenError } from "../entra/app-token";
import { ProviderError, type Provider } from "./errors";
import { backoffDelay, parseRetryAfter, TRANSIENT_STATUSES } from "./retry";
import type { StatsRecorder } from "./stats";

// The request core shared by the Defender and Graph clients: timeout, bounded retries with backoff, Retry-After,
// the Microsoft error envelopes, call accounting. Pure HTTP: it knows nothing about entities.
//
// Retry rules (docs/conventions.md; 429 and Retry-After per learn.microsoft.com/defender-endpoint/api/common-errors):
// - 429: always retried (up to maxRetries) — the request was refused before anything ran.
// - 500/502/503/504, timeouts, dropped connections, a 2xx body that is not JSON: retried only for GETs and calls
//   marked idempotent. A machine action is never repeated blindly: its first attempt may have executed.
// - Retry-After (429 and 503) is honoured exactly; if it asks for more than retryAfterCapMs the call fails at once
//   with retryAfterMs set, so the caller (the sync scheduler) can come back later instead of blocking a worker.

export type HttpMethod = "GET" | "POST" | "PATCH" | "PUT" | "DELETE";

/** The transport knobs a provider client passes through to its request core (Defender and Graph alike). */
export type TransportOptions = Partial<
  Pick<
    HttpCoreOptions,
    "fetch" | "maxRetries" | "timeoutMs" | "retryAfterCapMs" | "backoff" | "sleep" | "now" | "random"
  >
>;

export interface HttpCoreOptions {
  provider: Provider;
  fetch: typeof fetch;
  stats: StatsRecorder;
  /** Retries after the first attempt. Default 5. */
  maxRetries?: number;
  /** Per attempt, body included. Default 60 s. */
  timeoutMs?: number;
  /** Longest Retry-After we wait for in-process. Default 60 s (MDE's per-minute windows). */
  retryAfterCapMs?: number;
  backoff?: { baseMs?: number; maxMs?: number };
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
  random?: () => number;
}

export interface HttpCall {
  method: HttpMethod;
  url: URL;
  /** Key for stats().byPath, with ids templated out. */
  statsKey: string;
  headers?: Headers;
  /** JSON-serialisable; sent as application/json. */
  body?: unknown;
  /** A body sent as is instead (a multipart upload); `body` is ignored then. */
  rawBody?: { contentType: string; data: Uint8Array<ArrayBuffer> };
  /** May be repeated after a 5xx/timeout (GETs always may). */
  idempotent?: boolean;
  /** This call's retry budget, when it is smaller than the client's (a read that a person is waiting on). */
  maxRetries?: number;
  /** Bearer token source, asked before every attempt (MSAL answers from cache). Omit if headers carry auth. */
  token?: () => Promise<string>;
  /** The caller gave up (a person pressed Cancel): the call stops at once and is not retried. */
  signal?: AbortSignal;
}

export interface HttpResult {
  status: number;
  headers: Headers;
  /** Parsed JSON body; undefined for an empty body (e.g. batchUpdate's 200). */
  json: unknown;
}

export interface HttpCore {
  send(call: HttpCall): Promise<HttpResult>;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

const REQUEST_ID_HEADERS = ["request-id", "x-ms-request-id", "client-request-id", "mise-correlation-id"];

function requestIdOf(headers: Headers | null, envelope: Record<string, unknown> | null): string | null {
  for (const h of REQUEST_ID_HEADERS) {
    const v = headers?.get(h);
    if (v) return v;
  }
  // Graph repeats it in error.innerError["request-id"] (learn.microsoft.com/graph/errors).
  const inner = (envelope?.innerError ?? envelope?.innererror) as Record<string, unknown> | undefined;
  return typeof inner?.["request-id"] === "string" ? inner["request-id"] : null;
}

/** MDE/XDR `{error:{code,message,target}}`, Graph `{error:{code,message,innerError}}`, AAD `{error, error_description}`. */
export function errorFromResponse(
  provider: Provider,
  status: number,
  headers: Headers,
  text: string,
  retryAfterMs: number | null,
): ProviderError {
  let parsed: unknown = null;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    parsed = null;
  }
  const root = (parsed && typeof parsed === "object" ? parsed : {}) as Record<string, unknown>;
  const envelope = root.error && typeof root.error === "object" ? (root.error as Record<string, unknown>) : null;
  const code =
    (typeof envelope?.code === "string" && envelope.code) ||
    (typeof root.error === "string" && root.error) ||
    `Http${status}`;
  const message =
    (typeof envelope?.message === "string" && envelope.message) ||
    (typeof root.error_description === "string" && root.error_description) ||
    (text && text.length <= 200 && !text.trimStart().startsWith("<") ? text : `HTTP ${status}`);
  return new ProviderError({
    provider,
    status,
    code: String(code),
    message,
    retryAfterMs,
    msRequestId: requestIdOf(headers, envelope),
    target: typeof envelope?.target === "string" ? envelope.target : null,
  });
}

type Attempt =
  | { kind: "response"; status: number; headers: Headers; text: string }
  | { kind: "timeout" }
  | { kind: "cancelled" }
  | { kind: "network"; message: string };

export function createHttpCore(opts: HttpCoreOptions): HttpCore {
  const maxRetries = opts.maxRetries ?? 5;
  const timeoutMs = opts.timeoutMs ?? 60_000;
  const retryAfterCapMs = opts.retryAfterCapMs ?? 60_000;
  const backoff = { baseMs: opts.backoff?.baseMs ?? 500, maxMs: opts.backoff?.maxMs ?? 30_000 };
  const sleep = opts.sleep ?? defaultSleep;
  const now = opts.now ?? Date.now;
  const random = opts.random ?? Math.random;
  const provider = opts.provider;

  async function attempt(
    call: HttpCall,
    headers: Headers,
    body: string | Uint8Array<ArrayBuffer> | undefined,
  ): Promise<Attempt> {
    opts.stats.call(call.statsKey);
    try {
      const res = await opts.fetch(call.url, {
        method: call.method,
        headers,
        body,
        signal: call.signal
          ? AbortSignal.any([call.signal, AbortSignal.timeout(timeoutMs)])
          : AbortSignal.timeout(timeoutMs),
      });
      const text = await res.text();
      return { kind: "response", status: res.status, headers: res.headers, text };
    } catch (err) {
      if (call.signal?.aborted) return { kind: "cancelled" };
      const e = err as { name?: string; message?: string; cause?: { code?: string; message?: string } };
      if (e?.name === "TimeoutError" || e?.name === "AbortError") return { kind: "timeout" };
      return {
        kind: "network",
        message: [e?.message, e?.cause?.code ?? e?.cause?.message].filter(Boolean).join(": ") || "connection failed",
      };
    }
  }

  async function send(call: HttpCall): Promise<HttpResult> {
    const repeatable = call.method === "GET" || call.idempotent === true;
    const body = call.rawBody?.data ?? (call.body === undefined ? undefined : JSON.stringify(call.body));
    const contentType = call.rawBody?.contentType ?? "application/json";
    for (let n = 0; ; n++) {
      const headers = new Headers(call.headers);
      headers.set("accept", "application/json");
      if (body !== undefined) headers.set("content-type", contentType);
      if (call.token) {
        try {
          headers.set("authorization", `Bearer ${await call.token()}`);
        } catch (err) {
          if (err instanceof AppTokenError)
            throw new ProviderError({ provider, status: err.status, code: err.code, message: err.message });
          throw err;
        }
      }

      const a = await attempt(call, headers, body);
      if (a.kind === "cancelled")
        throw new ProviderError({
          provider,
          status: 0,
          code: "Cancelled",
          message: `${call.method} ${call.url.pathname} was cancelled by the caller`,
        });
      let failure: ProviderError;
      let retriable: boolean;
      let waitMs: number | null = null;

      if (a.kind === "timeout" || a.kind === "network") {
        failure = new ProviderError({
          provider,
          status: 0,
          code: a.kind === "timeout" ? "Timeout" : "ConnectionError",
          message:
            (a.kind === "timeout" ? `No answer within ${timeoutMs} ms` : `Connection failed (${a.message})`) +
            ` on ${call.method} ${call.url.pathname}` +
            (repeatable ? "" : "; the request may or may not have been carried out"),
        });
        retriable = repeatable;
      } else if (a.status >= 200 && a.status < 300) {
        if (a.text.trim() === "") return { status: a.status, headers: a.headers, json: undefined };
        try {
          return { status: a.status, headers: a.headers, json: JSON.parse(a.text) };
        } catch {
          // A truncated or garbled body: for a read, asking again is safe.
          failure = new ProviderError({
            provider,
            status: a.status,
            code: "InvalidResponse",
            message: `Response to ${call.method} ${call.url.pathname} is not valid JSON`,
            msRequestId: requestIdOf(a.headers, null),
          });
          retriable = repeatable;
        }
      } else {
        const retryAfter =
          a.status === 429 || a.status === 503 ? parseRetryAfter(a.headers.get("retry-after"), now()) : null;
        failure = errorFromResponse(provider, a.status, a.headers, a.text, retryAfter);
        if (a.status === 429) {
          opts.stats.throttle();
          retriable = true;
        } else {
          retriable = repeatable && TRANSIENT_STATUSES.has(a.status);
        }
        waitMs = retryAfter;
      }

      if (!retriable || n >= Math.min(maxRetries, call.maxRetries ?? maxRetries)) throw failure;
      if (waitMs !== null && waitMs > retryAfterCapMs) throw failure;
      await sleep(waitMs ?? backoffDelay(n, backoff, random));
      opts.stats.retry();
    }
  }

  return { send };
}
