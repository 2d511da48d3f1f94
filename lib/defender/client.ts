import type { z, ZodType } from "zod";
import { APP_SCOPES, createAppTokenProvider, type AppTokenProvider } from "../entra/app-token";
import { getConfig } from "../config/env";
import {
  createRestClient,
  StatsRecorder,
  type Page,
  type ProviderStats,
  type RestPagesOp,
  type RestRequestOp,
  type TokenSource,
  type TransportOptions,
} from "../microsoft";

// The Defender for Endpoint API (MDE_API_URL, WindowsDefenderATP token) and the Defender XDR API (XDR_API_URL,
// Microsoft Threat Protection token: the Incident.* permissions only come with that audience — "Microsoft Defender
// XDR incidents API", learn.microsoft.com/defender-xdr/api-list-incidents). Two REST clients sharing one call count.

export type DefenderApi = "mde" | "xdr";

export type { TokenSource };

export interface DefenderClientOptions extends TransportOptions {
  /** Default getConfig().MDE_API_URL. */
  baseUrl?: string;
  /** Default getConfig().XDR_API_URL. */
  xdrBaseUrl?: string;
  /** Default: an MSAL client-credentials provider for the configured app. */
  tokens?: TokenSource | AppTokenProvider;
}

export interface RequestOp<S extends ZodType> extends RestRequestOp<S> {
  api?: DefenderApi;
}

export interface PagesOp<T> extends RestPagesOp<T> {
  api?: DefenderApi;
}

export interface DefenderClient {
  request<S extends ZodType>(op: RequestOp<S>): Promise<z.infer<S>>;
  pages<T>(op: PagesOp<T>): AsyncGenerator<Page<T>>;
  stats(): ProviderStats;
}

export function createDefenderClient(opts: DefenderClientOptions = {}): DefenderClient {
  const tokens = opts.tokens ?? createAppTokenProvider();
  const stats = new StatsRecorder();
  const { baseUrl, xdrBaseUrl, tokens: _tokens, ...transport } = opts;
  // Defender documents $top/$skip for its collections ("OData queries with Microsoft Defender for Endpoint").
  const clients = {
    mde: createRestClient({
      ...transport,
      provider: "defender",
      baseUrl: baseUrl ?? getConfig().MDE_API_URL,
      scope: APP_SCOPES.mde,
      tokens,
      stats,
      offsetPaging: "trusted",
    }),
    xdr: createRestClient({
      ...transport,
      provider: "xdr",
      baseUrl: xdrBaseUrl ?? getConfig().XDR_API_URL,
      scope: APP_SCOPES.xdr,
      tokens,
      stats,
      offsetPaging: "trusted",
    }),
  };
  return {
    request: (op) => clients[op.api ?? "mde"].request(op),
    pages: (op) => clients[op.api ?? "mde"].pages(op),
    stats: () => stats.snapshot(),
  };
}
