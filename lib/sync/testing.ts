import { startEmulator, type Emulator } from "../../emulator/src/index";
import { createDefenderClient, type DefenderClient } from "../defender";
import { tenantFor, trustingTransport, type TrustingTransport } from "../defender/testing";
import { createAppTokenProvider } from "../entra/app-token";
import { createGraphClient, type GraphClient } from "../graph";
import { createSyncSources, type SyncSourcesOptions } from "./sources";
import type { SyncSources } from "./source-types";

// Integration tests run the real clients and engine against an in-process simulated tenant (tests may start the
// emulator; the console's own code never imports it).

export interface TestTenant {
  emulator: Emulator;
  transport: TrustingTransport;
  sources(extra?: Partial<SyncSourcesOptions>): SyncSources;
  /** A Defender client (MDE and XDR) for this tenant, with its own app token provider. */
  defenderClient(): DefenderClient;
  /** A Microsoft Graph client for this tenant (no retries), with its own app token provider. */
  graphClient(): GraphClient;
  control(path: string, body?: unknown): Promise<unknown>;
  /** Raw JSON from the simulated API with an app token, independent of the console's zod schemas. */
  raw(path: string): Promise<{ value: Record<string, unknown>[] } & Record<string, unknown>>;
  /** The environment a child process needs to reach this tenant (NODE_EXTRA_CA_CERTS included). */
  env: Record<string, string>;
  close(): Promise<void>;
}

export async function startTestTenant(opts: Parameters<typeof startEmulator>[0]): Promise<TestTenant> {
  const emulator = await startEmulator({ port: 0, quiet: true, ...opts });
  const transport = trustingTransport(emulator.caCertPem);
  const host = emulator.authorityHost.replace(/\/+$/, "");
  const tenant = {
    host,
    tenantId: emulator.tenantId,
    clientId: emulator.clientId,
    clientSecret: emulator.clientSecret,
    authority: `${host}/${emulator.tenantId}`,
    issuer: `${host}/${emulator.tenantId}/v2.0`,
    jwksUri: `${host}/${emulator.tenantId}/discovery/v2.0/keys`,
  };
  const sources = (extra: Partial<SyncSourcesOptions> = {}) =>
    createSyncSources({
      tenant,
      mdeUrl: emulator.defenderUrl,
      xdrUrl: emulator.defenderUrl,
      graphUrl: emulator.graphUrl,
      fetch: transport.fetch,
      msalNetworkClient: transport.msalNetworkClient,
      ...extra,
    });
  let token: Record<string, string> = {};
  async function appToken(scope: string): Promise<string> {
    const res = await transport.fetch(`${host}/${emulator.tenantId}/oauth2/v2.0/token`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        grant_type: "client_credentials",
        client_id: emulator.clientId,
        client_secret: emulator.clientSecret,
        scope,
      }).toString(),
    });
    return ((await res.json()) as { access_token: string }).access_token;
  }
  return {
    emulator,
    transport,
    sources,
    defenderClient: () =>
      createDefenderClient({
        baseUrl: emulator.defenderUrl,
        xdrBaseUrl: emulator.defenderUrl,
        tokens: createAppTokenProvider({ tenant: tenantFor(emulator), networkClient: transport.msalNetworkClient }),
        fetch: transport.fetch,
      }),
    graphClient: () =>
      createGraphClient({
        baseUrl: emulator.graphUrl,
        tokens: createAppTokenProvider({ tenant: tenantFor(emulator), networkClient: transport.msalNetworkClient }),
        fetch: transport.fetch,
        maxRetries: 0,
      }),
    async control(path, body) {
      const res = await transport.fetch(`${emulator.baseUrl}/_emulator/${path}`, {
        method: body === undefined ? "GET" : "POST",
        headers: { "content-type": "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      if (!res.ok) throw new Error(`emulator ${path}: HTTP ${res.status}`);
      return res.json();
    },
    async raw(path) {
      // Incidents belong to the Defender XDR API and need its audience
      // (learn.microsoft.com/defender-xdr/api-create-app-web).
      const scope = /^\/(v1\.0|beta)\//.test(path)
        ? "https://graph.microsoft.com/.default"
        : path.startsWith("/api/incidents")
          ? "https://api.security.microsoft.com/.default"
          : "https://api.securitycenter.microsoft.com/.default";
      const key = scope;
      token[key] ??= await appToken(scope);
      const res = await transport.fetch(`${emulator.baseUrl}${path}`, {
        headers: { authorization: `Bearer ${token[key]}` },
      });
      if (!res.ok) throw new Error(`GET ${path}: HTTP ${res.status}`);
      return res.json() as Promise<{ value: Record<string, unknown>[] }>;
    },
    env: {
      ENTRA_AUTHORITY_HOST: emulator.authorityHost,
      ENTRA_TENANT_ID: emulator.tenantId,
      ENTRA_CLIENT_ID: emulator.clientId,
      ENTRA_CLIENT_SECRET: emulator.clientSecret,
      MDE_API_URL: emulator.defenderUrl,
      XDR_API_URL: emulator.defenderUrl,
      GRAPH_API_URL: emulator.graphUrl,
      NODE_EXTRA_CA_CERTS: emulator.caCertPath,
    },
    async close() {
      token = {};
      transport.close();
      await emulator.close();
    },
  };
}

/** Every record of a raw listing, following @odata.nextLink (raw JSON, no console schema). */
export async function rawAll(tenant: TestTenant, path: string): Promise<Record<string, unknown>[]> {
  const out: Record<string, unknown>[] = [];
  let next: string | null = path;
  while (next) {
    const page: { value: Record<string, unknown>[] } & Record<string, unknown> = await tenant.raw(next);
    out.push(...page.value);
    const link = page["@odata.nextLink"] as string | undefined;
    next = link ? link.slice(new URL(link).origin.length) : null;
  }
  return out;
}

/**
 * Threat levels on one scale, written out for tests independently of the console's: compliance policies'
 * deviceThreatProtectionLevel and MTD partners' partnerReportedThreatState.
 */
export const RAW_THREAT_RANK: Record<string, number> = {
  secured: 1,
  low: 2,
  medium: 3,
  high: 4,
  lowSeverity: 2,
  mediumSeverity: 3,
  highSeverity: 4,
  compromised: 4,
};
