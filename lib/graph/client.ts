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
  createHttpCore,
  createRestClient,
  ProviderError,
  StatsRecorder,
  type HttpCall,
  type HttpCore,
  type HttpMethod,
  type HttpResult,
  type Page,
  type ProviderStats,
  type RestPagesOp,
  type RestRequestOp,
  type TokenSource,
  type TransportOptions,
} from "../microsoft";

// Microsoft Graph (GRAPH_API_URL + /v1.0, or /beta per call) through @microsoft/microsoft-graph-client. The SDK builds requests and
// its AuthenticationHandler adds the MSAL app token — only for Graph hosts or our configured host (customHosts),
// so a token never follows a link elsewhere. The last middleware is ours: the same request core as the Defender
// client (timeout, bounded retries, Retry-After on 429/503 as "Microsoft Graph throttling guidance" asks, the
// Graph error envelope, accounting)
// over the injected fetch. The SDK's own RetryHandler is left out so retries are not stacked.

export interface GraphClientOptions extends TransportOptions {
  /** Default getConfig().GRAPH_API_URL (the client appends /v1.0). */
  baseUrl?: string;
  tokens?: TokenSource;
}

/**
 * Graph version: v1.0 by default; beta where Microsoft documents a resource only there (settings-catalog policies,
 * the Defender onboarding summary, the full MTD connector).
 */
export type GraphVersion = "v1.0" | "beta";

export type GraphRequestOp<S extends ZodType> = Omit<RestRequestOp<S>, "maxRetries"> & { version?: GraphVersion };

export type GraphPagesOp<T> = Omit<RestPagesOp<T>, "idField" | "notFoundIsEmpty"> & { version?: GraphVersion };

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
    readonly signal: AbortSignal | undefined,
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
        signal: exchange.signal,
      });
      context.response = new Response(null, { status: exchange.result.status === 204 ? 204 : 200 });
    } catch (err) {
      exchange.error = err;
      throw err;
    }
  }
}

export function createGraphClient(opts: GraphClientOptions = {}): GraphClient {
  const { baseUrl, tokens: given, ...transport } = opts;
  const tokens = given ?? createAppTokenProvider();
  const stats = new StatsRecorder();
  const base = (baseUrl ?? getConfig().GRAPH_API_URL).replace(/\/+$/, "");
  const core = createHttpCore({ ...transport, provider: "graph", fetch: transport.fetch ?? globalThis.fetch, stats });
  const authProvider: AuthenticationProvider = { getAccessToken: () => tokens.getToken(APP_SCOPES.graph) };
  const sdk = Client.initWithMiddleware({
    middleware: [new AuthenticationHandler(authProvider), new CoreTransportHandler(core)],
    customHosts: new Set([new URL(base).hostname]),
  });

  async function send(call: HttpCall): Promise<HttpResult> {
    const exchange = new CoreExchange(call.statsKey, call.idempotent === true, call.body, call.signal);
    // The SDK's AuthenticationHandler asks for the token too, but an error thrown there reaches us re-wrapped as a
    // GraphError; asking first (MSAL answers the second call from its cache) keeps a token failure a ProviderError.
    try {
      await tokens.getToken(APP_SCOPES.graph);
    } catch (err) {
      if (err instanceof AppTokenError)
        throw new ProviderError({ provider: "graph", status: err.status, code: err.code, message: err.message });
      throw err;
    }
    const req = sdk.api(call.url.href).middlewareOptions([exchange]).responseType(ResponseType.RAW);
    try {
      if (call.method === "GET") await req.get();
      else if (call.method === "POST") await req.post(exchange.body ?? {});
      else if (call.method === "PATCH") await req.patch(exchange.body ?? {});
      else if (call.method === "PUT") await req.put(exchange.body ?? {});
      else await req.delete();
    } catch (err) {
      throw exchange.error ?? err;
    }
    if (exchange.error) throw exchange.error;
    if (!exchange.result)
      throw new ProviderError({
        provider: "graph",
        status: 0,
        code: "NoResponse",
        message: `No response for ${call.method} ${call.url.pathname}`,
      });
    return exchange.result;
  }

  // $skiptoken is opaque and $skip on managedDevices is undocumented ("List managedDevices", Graph v1.0): paging
  // checks any recovery with $skip instead of trusting it.
  const restFor = (version: GraphVersion) =>
    createRestClient({
      ...transport,
      provider: "graph",
      baseUrl: base,
      pathPrefix: `/${version}`,
      scope: APP_SCOPES.graph,
      tokens,
      stats,
      offsetPaging: "verified",
      send,
    });
  const rest = { "v1.0": restFor("v1.0"), beta: restFor("beta") };
  return {
    request: ({ version, ...op }) => rest[version ?? "v1.0"].request(op),
    pages: ({ version, ...op }) => rest[version ?? "v1.0"].pages(op),
    stats: () => stats.snapshot(),
  };
}
