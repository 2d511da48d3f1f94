import type { z, ZodType } from "zod";
import { APP_SCOPES, createAppTokenProvider, type AppTokenProvider } from "../entra/app-token";
import { getConfig } from "../config/env";
import { ProviderError, type Provider } from "./errors";
import { createHttpCore, type HttpMethod, type TransportOptions } from "./http";
import { buildQuery } from "./odata";
import { paginate, type Page, type RawPage } from "./paging";
import { StatsRecorder, type ProviderStats } from "./stats";

// The Defender for Endpoint API (MDE_API_URL, WindowsDefenderATP token) and the Defender XDR API (XDR_API_URL,
// Microsoft Threat Protection token — Incident.* permissions only come with that audience, see
// learn.microsoft.com/defender-xdr/api-create-app-web).

export type DefenderApi = "mde" | "xdr";

export interface TokenSource {
  getToken(scope: string): Promise<string>;
}

export interface DefenderClientOptions extends TransportOptions {
  /** Default getConfig().MDE_API_URL. */
  baseUrl?: string;
  /** Default getConfig().XDR_API_URL. */
  xdrBaseUrl?: string;
  /** Default: an MSAL client-credentials provider for the configured app. */
  tokens?: TokenSource | AppTokenProvider;
}

export interface RequestOp<S extends ZodType> {
  method: HttpMethod;
  /** Path under the base URL, e.g. `/api/alerts/{id}` already filled in. */
  path: string;
  /** Path with ids templated out, for stats().byPath. Default: path. */
  statsPath?: string;
  query?: Record<string, string | number | undefined>;
  body?: unknown;
  schema: S;
  idempotent?: boolean;
  /** Fewer retries than the client's for this call (see HttpCall.maxRetries). */
  maxRetries?: number;
  api?: DefenderApi;
}

export interface PagesOp<T> {
  path: string;
  query?: Record<string, string | number | undefined>;
  itemSchema: ZodType<T>;
  /** $top per page; at most the endpoint's documented maximum (its list page). */
  pageSize: number;
  maxPages?: number;
  api?: DefenderApi;
  /** Key reported for skipped records. Default `id`. */
  idField?: string;
  /** GET /api/machines answers 404 when the tenant has no recent machines (get-machines): an empty list, not an error. */
  notFoundIsEmpty?: boolean;
}

export interface DefenderClient {
  request<S extends ZodType>(op: RequestOp<S>): Promise<z.infer<S>>;
  pages<T>(op: PagesOp<T>): AsyncGenerator<Page<T>>;
  stats(): ProviderStats;
}

const trimSlash = (s: string) => s.replace(/\/+$/, "");

/** A nextLink's path and query on our configured host: the bearer token is never sent anywhere else. */
export function rebaseOnto(base: string, link: string): URL {
  const target = new URL(link, `${base}/`);
  const rebased = new URL(`${target.pathname}${target.search}`, `${base}/`);
  return rebased;
}

export function createDefenderClient(opts: DefenderClientOptions = {}): DefenderClient {
  const mdeBase = trimSlash(opts.baseUrl ?? getConfig().MDE_API_URL);
  const xdrBase = trimSlash(opts.xdrBaseUrl ?? getConfig().XDR_API_URL);
  const tokens = opts.tokens ?? createAppTokenProvider();
  const stats = new StatsRecorder();
  const target = (api: DefenderApi = "mde") =>
    api === "xdr"
      ? { base: xdrBase, scope: APP_SCOPES.xdr, provider: "xdr" as Provider }
      : { base: mdeBase, scope: APP_SCOPES.mde, provider: "defender" as Provider };
  const coreOptions = {
    fetch: opts.fetch ?? globalThis.fetch,
    stats,
    maxRetries: opts.maxRetries,
    retryAfterCapMs: opts.retryAfterCapMs,
    timeoutMs: opts.timeoutMs,
    backoff: opts.backoff,
    sleep: opts.sleep,
    now: opts.now,
    random: opts.random,
  };
  const cores = { defender: createHttpCore({ ...coreOptions, provider: "defender" }), xdr: createHttpCore({ ...coreOptions, provider: "xdr" }) };

  const urlFor = (base: string, path: string, query?: RequestOp<ZodType>["query"]) => {
    const qs = query ? buildQuery(query) : "";
    return new URL(`${base}${path.startsWith("/") ? path : `/${path}`}${qs ? `?${qs}` : ""}`);
  };

  async function request<S extends ZodType>(op: RequestOp<S>): Promise<z.infer<S>> {
    const t = target(op.api);
    const core = t.provider === "xdr" ? cores.xdr : cores.defender;
    const res = await core.send({
      method: op.method,
      url: urlFor(t.base, op.path, op.query),
      statsKey: op.statsPath ?? op.path,
      body: op.body,
      idempotent: op.idempotent,
      maxRetries: op.maxRetries,
      token: () => tokens.getToken(t.scope),
    });
    const parsed = op.schema.safeParse(res.json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new ProviderError({
        provider: t.provider,
        status: res.status,
        code: "InvalidResponse",
        message: `Unexpected response to ${op.method} ${op.statsPath ?? op.path}: ${issue?.path.join(".") || "body"}: ${issue?.message ?? "invalid"}`,
      });
    }
    return parsed.data;
  }

  function pages<T>(op: PagesOp<T>): AsyncGenerator<Page<T>> {
    const t = target(op.api);
    const core = t.provider === "xdr" ? cores.xdr : cores.defender;
    const fetchPage = async (url: URL): Promise<RawPage> => {
      try {
        const res = await core.send({ method: "GET", url, statsKey: op.path, token: () => tokens.getToken(t.scope) });
        const body = res.json as { value?: unknown; "@odata.nextLink"?: unknown } | undefined;
        if (!body || !Array.isArray(body.value)) {
          throw new ProviderError({ provider: t.provider, status: res.status, code: "InvalidResponse", message: `Response to GET ${op.path} has no value array` });
        }
        const next = body["@odata.nextLink"];
        return { value: body.value, nextLink: typeof next === "string" && next ? next : null };
      } catch (err) {
        if (op.notFoundIsEmpty && err instanceof ProviderError && err.status === 404) return { value: [], nextLink: null };
        throw err;
      }
    };
    return paginate({
      provider: t.provider,
      label: op.path,
      firstUrl: urlFor(t.base, op.path, op.query),
      pageSize: op.pageSize,
      maxPages: op.maxPages,
      itemSchema: op.itemSchema,
      idField: op.idField,
      fetchPage,
      rebase: (link) => rebaseOnto(t.base, link),
      offsetPaging: "trusted",
    });
  }

  return { request, pages, stats: () => stats.snapshot() };
}
