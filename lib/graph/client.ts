import {
  AuthenticationHandler,
  Client,
  ResponseType,
  type AuthenticationProvider,
  type Context,
  type Middleware,
  type MiddlewareOptions,
} from "@microsoft/microsoft-graph-client";
import type { z, ZodType } from "zod";
import { getConfig } from "../config/env";
import { APP_SCOPES, AppTokenError, createAppTokenProvider } from "../entra/app-token";
import {
  buildQuery,
  createHttpCore,
  paginate,
  ProviderError,
  rebaseOnto,
  StatsRecorder,
  type HttpCore,
  type TransportOptions,
  type HttpMethod,
  type HttpResult,
  type Page,
  type ProviderStats,
  type RawPage,
  type TokenSource,
} from "../defender";

// Microsoft Graph (GRAPH_API_URL + /v1.0) through @microsoft/microsoft-graph-client. The SDK builds requests and
// its AuthenticationHandler adds the MSAL app token — only for Graph hosts or our configured host (customHosts),
// so a token never follows a link elsewhere. The last middleware is ours: the same request core as the Defender
// client (timeout, bounded retries, Retry-After on 429/503 as in learn.microsoft.com/graph/throttling, the error
// envelope of learn.microsoft.com/graph/errors, accounting)
// over the injected fetch. The SDK's own RetryHandler is left out so retries are not stacked.

export interface GraphClientOptions extends TransportOptions {
  /** Default getConfig().GRAPH_API_URL (the client appends /v1.0). */
  baseUrl?: string;
  tokens?: TokenSource;
}

export interface GraphRequestOp<S extends ZodType> {
  method: HttpMethod;
  /** Path under /v1.0, e.g. /deviceManagement/managedDevices/{id} filled in. */
  path: string;
  statsPath?: string;
  query?: Record<string, string | number | undefined>;
  body?: unknown;
  schema: S;
  idempotent?: boolean;
}

export interface GraphPagesOp<T> {
  path: string;
  query?: Record<string, string | number | undefined>;
  itemSchema: ZodType<T>;
  pageSize: number;
  maxPages?: number;
}

export interface GraphClient {
  request<S extends ZodType>(op: GraphRequestOp<S>): Promise<z.infer<S>>;
  pages<T>(op: GraphPagesOp<T>): AsyncGenerator<Page<T>>;
  stats(): ProviderStats;
}

/** Per-request channel between our call site and the terminal middleware (the SDK wraps thrown errors). */
class CoreExchange implements MiddlewareOptions {
  result: HttpResult | null = null;
  error: unknown = null;
  constructor(
    readonly statsKey: string,
    readonly idempotent: boolean,
    readonly body: unknown,
  ) {}
}

class CoreTransportHandler implements Middleware {
  constructor(private readonly core: HttpCore) {}

  async execute(context: Context): Promise<void> {
    const exchange = context.middlewareControl?.getMiddlewareOptions(CoreExchange) as CoreExchange | undefined;
    if (!exchange) throw new Error("Graph request sent without CoreExchange options");
    const url = typeof context.request === "string" ? context.request : context.request.url;
    const options = context.options ?? {};
    const headers = new Headers(options.headers as HeadersInit | undefined);
    try {
      exchange.result = await this.core.send({
        method: (options.method ?? "GET").toUpperCase() as HttpMethod,
        url: new URL(url),
        statsKey: exchange.statsKey,
        headers,
        body: exchange.body,
        idempotent: exchange.idempotent,
      });
      context.response = new Response(null, { status: exchange.result.status === 204 ? 204 : 200 });
    } catch (err) {
      exchange.error = err;
      throw err;
    }
  }
}

export function createGraphClient(opts: GraphClientOptions = {}): GraphClient {
  const base = `${(opts.baseUrl ?? getConfig().GRAPH_API_URL).replace(/\/+$/, "")}/v1.0`;
  const tokens = opts.tokens ?? createAppTokenProvider();
  const stats = new StatsRecorder();
  const core = createHttpCore({
    provider: "graph",
    fetch: opts.fetch ?? globalThis.fetch,
    stats,
    maxRetries: opts.maxRetries,
    retryAfterCapMs: opts.retryAfterCapMs,
    timeoutMs: opts.timeoutMs,
    backoff: opts.backoff,
    sleep: opts.sleep,
    now: opts.now,
    random: opts.random,
  });
  const authProvider: AuthenticationProvider = { getAccessToken: () => tokens.getToken(APP_SCOPES.graph) };
  const sdk = Client.initWithMiddleware({
    middleware: [new AuthenticationHandler(authProvider), new CoreTransportHandler(core)],
    customHosts: new Set([new URL(base).hostname]),
  });

  async function send(method: HttpMethod, url: URL, exchange: CoreExchange): Promise<HttpResult> {
    // The SDK's AuthenticationHandler asks for the token too, but an error thrown there reaches us re-wrapped as a
    // GraphError; asking first (MSAL answers the second call from its cache) keeps a token failure a ProviderError.
    try {
      await tokens.getToken(APP_SCOPES.graph);
    } catch (err) {
      if (err instanceof AppTokenError) throw new ProviderError({ provider: "graph", status: err.status, code: err.code, message: err.message });
      throw err;
    }
    const req = sdk.api(url.href).middlewareOptions([exchange]).responseType(ResponseType.RAW);
    try {
      if (method === "GET") await req.get();
      else if (method === "POST") await req.post(exchange.body ?? {});
      else if (method === "PATCH") await req.patch(exchange.body ?? {});
      else if (method === "PUT") await req.put(exchange.body ?? {});
      else await req.delete();
    } catch (err) {
      throw exchange.error ?? err;
    }
    if (exchange.error) throw exchange.error;
    if (!exchange.result) throw new ProviderError({ provider: "graph", status: 0, code: "NoResponse", message: `No response for ${method} ${url.pathname}` });
    return exchange.result;
  }

  const urlFor = (path: string, query?: GraphRequestOp<ZodType>["query"]) => {
    const qs = query ? buildQuery(query) : "";
    return new URL(`${base}${path.startsWith("/") ? path : `/${path}`}${qs ? `?${qs}` : ""}`);
  };

  async function request<S extends ZodType>(op: GraphRequestOp<S>): Promise<z.infer<S>> {
    const statsKey = `/v1.0${op.statsPath ?? op.path}`;
    const res = await send(op.method, urlFor(op.path, op.query), new CoreExchange(statsKey, op.idempotent === true, op.body));
    const parsed = op.schema.safeParse(res.json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new ProviderError({ provider: "graph", status: res.status, code: "InvalidResponse", message: `Unexpected response to ${op.method} ${statsKey}: ${issue?.path.join(".") || "body"}: ${issue?.message ?? "invalid"}` });
    }
    return parsed.data;
  }

  function pages<T>(op: GraphPagesOp<T>): AsyncGenerator<Page<T>> {
    const statsKey = `/v1.0${op.path}`;
    const fetchPage = async (url: URL): Promise<RawPage> => {
      const res = await send("GET", url, new CoreExchange(statsKey, true, undefined));
      const body = res.json as { value?: unknown; "@odata.nextLink"?: unknown } | undefined;
      if (!body || !Array.isArray(body.value)) {
        throw new ProviderError({ provider: "graph", status: res.status, code: "InvalidResponse", message: `Response to GET ${statsKey} has no value array` });
      }
      const next = body["@odata.nextLink"];
      return { value: body.value, nextLink: typeof next === "string" && next ? next : null };
    };
    return paginate({
      provider: "graph",
      label: statsKey,
      firstUrl: urlFor(op.path, op.query),
      pageSize: op.pageSize,
      maxPages: op.maxPages,
      itemSchema: op.itemSchema,
      fetchPage,
      rebase: (link) => rebaseOnto(base.replace(/\/v1\.0$/, ""), link),
      // $skiptoken is opaque and Microsoft does not document $skip on managedDevices: check any recovery.
      offsetPaging: "verified",
    });
  }

  return { request, pages, stats: () => stats.snapshot() };
}
