import type { z, ZodType } from "zod";
import { ProviderError, type Provider } from "./errors";
import { createHttpCore, type HttpCall, type HttpMethod, type HttpResult, type TransportOptions } from "./http";
import { buildQuery } from "./odata";
import { paginate, type Page, type RawPage } from "./paging";
import type { StatsRecorder } from "./stats";

// One Microsoft REST API at one base URL with one token audience: typed requests validated by zod, and OData
// collections walked page by page. Defender for Endpoint, Defender XDR and Graph are each one of these; what
// differs between them is configuration (base URL, scope, how far $skip can be trusted), not code.

export interface TokenSource {
  getToken(scope: string): Promise<string>;
}

export interface RestRequestOp<S extends ZodType> {
  method: HttpMethod;
  /** Path under the base URL, ids already filled in. */
  path: string;
  /** Path with ids templated out, for stats().byPath. Default: path. */
  statsPath?: string;
  query?: Record<string, string | number | undefined>;
  body?: unknown;
  /** Sent as is instead of `body` (a multipart upload). */
  rawBody?: { contentType: string; data: Uint8Array<ArrayBuffer> };
  schema: S;
  idempotent?: boolean;
  /** Fewer retries than the client's for this call (see HttpCall.maxRetries). */
  maxRetries?: number;
  /** Stops the call when the caller gives up (see HttpCall.signal). */
  signal?: AbortSignal;
}

export interface RestPagesOp<T> {
  path: string;
  query?: Record<string, string | number | undefined>;
  itemSchema: ZodType<T>;
  /** $top per page; at most the endpoint's documented maximum. */
  pageSize: number;
  maxPages?: number;
  /** Key reported for skipped records. Default `id`. */
  idField?: string;
  /** The collection answers 404 when it is empty (Defender's machine list does): an empty list, not an error. */
  notFoundIsEmpty?: boolean;
}

export interface RestClientOptions extends TransportOptions {
  provider: Provider;
  /** The API's base URL, e.g. https://api.securitycenter.microsoft.com. The bearer token is sent to its origin only. */
  baseUrl: string;
  /** Prefix every path shares, e.g. `/v1.0` for Graph; "" for Defender. */
  pathPrefix?: string;
  scope: string;
  tokens: TokenSource;
  stats: StatsRecorder;
  /** "trusted": $top/$skip is documented for every collection (Defender). "verified": it is not (Graph). */
  offsetPaging: "trusted" | "verified";
  /** Sends through something other than the request core itself (Graph: the Graph SDK's middleware chain). */
  send?: (call: HttpCall) => Promise<HttpResult>;
}

export interface RestClient {
  request<S extends ZodType>(op: RestRequestOp<S>): Promise<z.infer<S>>;
  pages<T>(op: RestPagesOp<T>): AsyncGenerator<Page<T>>;
}

/**
 * A nextLink's path and query on our configured origin: the bearer token is never sent anywhere else. A path that
 * starts with `//` or `\` would make the URL parser read a host from it, so leading slashes are folded first, and
 * the result is checked once more.
 */
export function rebaseOnto(base: string, link: string, provider: Provider = "defender"): URL {
  const origin = new URL(`${base}/`).origin;
  const target = new URL(link, `${base}/`);
  const path = `/${target.pathname.replace(/^[/\\]+/, "")}`;
  const rebased = new URL(`${path}${target.search}`, origin);
  if (rebased.origin !== origin) {
    throw new ProviderError({
      provider,
      status: 0,
      code: "InvalidNextLink",
      message: "A nextLink pointed away from the API host; paging stopped",
    });
  }
  return rebased;
}

export function createRestClient(opts: RestClientOptions): RestClient {
  const base = opts.baseUrl.replace(/\/+$/, "");
  const prefix = opts.pathPrefix ?? "";
  const send =
    opts.send ??
    createHttpCore({
      provider: opts.provider,
      fetch: opts.fetch ?? globalThis.fetch,
      stats: opts.stats,
      maxRetries: opts.maxRetries,
      retryAfterCapMs: opts.retryAfterCapMs,
      timeoutMs: opts.timeoutMs,
      backoff: opts.backoff,
      sleep: opts.sleep,
      now: opts.now,
      random: opts.random,
    }).send;
  const token = () => opts.tokens.getToken(opts.scope);

  const urlFor = (path: string, query?: Record<string, string | number | undefined>) => {
    const qs = query ? buildQuery(query) : "";
    return new URL(`${base}${prefix}${path.startsWith("/") ? path : `/${path}`}${qs ? `?${qs}` : ""}`);
  };

  async function request<S extends ZodType>(op: RestRequestOp<S>): Promise<z.infer<S>> {
    const statsKey = `${prefix}${op.statsPath ?? op.path}`;
    const res = await send({
      method: op.method,
      url: urlFor(op.path, op.query),
      statsKey,
      body: op.body,
      rawBody: op.rawBody,
      idempotent: op.idempotent,
      maxRetries: op.maxRetries,
      signal: op.signal,
      token,
    });
    const parsed = op.schema.safeParse(res.json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new ProviderError({
        provider: opts.provider,
        status: res.status,
        code: "InvalidResponse",
        message: `Unexpected response to ${op.method} ${statsKey}: ${issue?.path.join(".") || "body"}: ${issue?.message ?? "invalid"}`,
      });
    }
    return parsed.data;
  }

  function pages<T>(op: RestPagesOp<T>): AsyncGenerator<Page<T>> {
    const statsKey = `${prefix}${op.path}`;
    const fetchPage = async (url: URL): Promise<RawPage> => {
      try {
        const res = await send({ method: "GET", url, statsKey, token });
        const body = res.json as { value?: unknown; "@odata.nextLink"?: unknown } | undefined;
        if (!body || !Array.isArray(body.value)) {
          throw new ProviderError({
            provider: opts.provider,
            status: res.status,
            code: "InvalidResponse",
            message: `Response to GET ${statsKey} has no value array`,
          });
        }
        const next = body["@odata.nextLink"];
        return { value: body.value, nextLink: typeof next === "string" && next ? next : null };
      } catch (err) {
        if (op.notFoundIsEmpty && err instanceof ProviderError && err.status === 404)
          return { value: [], nextLink: null };
        throw err;
      }
    };
    return paginate({
      provider: opts.provider,
      label: statsKey,
      firstUrl: urlFor(op.path, op.query),
      pageSize: op.pageSize,
      maxPages: op.maxPages,
      itemSchema: op.itemSchema,
      idField: op.idField,
      fetchPage,
      rebase: (link) => rebaseOnto(base, link, opts.provider),
      offsetPaging: opts.offsetPaging,
    });
  }

  return { request, pages };
}
