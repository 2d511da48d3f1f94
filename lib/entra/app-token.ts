import { ConfidentialClientApplication, type INetworkModule } from "@azure/msal-node";
import { msalConfiguration, tenantSettings, type TenantSettings } from "./msal-config";

// App-only (client-credentials) tokens for the Defender, Defender XDR and Graph clients
// (learn.microsoft.com/entra/identity-platform/v2-oauth2-client-creds-grant-flow).
// MSAL's in-memory cache answers repeats and renews a token shortly before it expires (tokenRenewalOffsetSeconds,
// 5 min), so callers simply ask for a token before every request.

/** One `.default` scope per resource: a token request may only name one resource (same page). */
export const APP_SCOPES = {
  mde: "https://api.securitycenter.microsoft.com/.default",
  /** Incident.* permissions live on the Microsoft Threat Protection resource, not on WindowsDefenderATP. */
  xdr: "https://api.security.microsoft.com/.default",
  graph: "https://graph.microsoft.com/.default",
} as const;

export interface AppTokenProvider {
  getToken(scope: string): Promise<string>;
}

export interface AppTokenOptions {
  /** Default: the configured tenant (ENTRA_* via getConfig()). */
  tenant?: TenantSettings;
  /** Replaces MSAL's HTTP client; tests use it to trust the emulator's CA. */
  networkClient?: INetworkModule;
}

/** The token endpoint refused or could not be reached. `status` 0 = no HTTP answer. */
export class AppTokenError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "AppTokenError";
  }
}

const STATUS_BY_AAD_CODE: Record<string, number> = {
  invalid_client: 401,
  unauthorized_client: 400,
  invalid_request: 400,
  invalid_scope: 400,
  invalid_resource: 400,
  invalid_grant: 400,
  unsupported_grant_type: 400,
  temporarily_unavailable: 503,
};

function toAppTokenError(err: unknown): AppTokenError {
  const e = err as { errorCode?: unknown; status?: unknown; errorMessage?: unknown; message?: unknown };
  const code = typeof e?.errorCode === "string" && e.errorCode ? e.errorCode : "token_error";
  const status = typeof e?.status === "number" && e.status > 0 ? e.status : (STATUS_BY_AAD_CODE[code] ?? 0);
  // errorMessage carries the AADSTS text (e.g. "AADSTS7000215: Invalid client secret provided"), never the secret.
  const message = String(e?.errorMessage || e?.message || "token request failed").split("\n")[0]!;
  return new AppTokenError(status, code, `Entra ID token request failed: ${message}`);
}

export function createAppTokenProvider(opts: AppTokenOptions = {}): AppTokenProvider {
  // Built on first use, so creating a client without a configured tenant (build time, tests) does not throw.
  let app: ConfidentialClientApplication | null = null;
  const inFlight = new Map<string, Promise<string>>();

  const acquire = async (scope: string): Promise<string> => {
    if (!app) {
      const base = msalConfiguration(opts.tenant ?? tenantSettings());
      app = new ConfidentialClientApplication({
        ...base,
        system: { ...base.system, ...(opts.networkClient ? { networkClient: opts.networkClient } : {}) },
      });
    }
    try {
      const result = await app.acquireTokenByClientCredential({ scopes: [scope] });
      if (!result?.accessToken) throw new AppTokenError(0, "no_token", "Entra ID returned no access token");
      return result.accessToken;
    } catch (err) {
      throw err instanceof AppTokenError ? err : toAppTokenError(err);
    }
  };

  return {
    getToken(scope) {
      // Concurrent first calls share one token request instead of racing MSAL's empty cache.
      const pending = inFlight.get(scope);
      if (pending) return pending;
      const p = acquire(scope).finally(() => inFlight.delete(scope));
      inFlight.set(scope, p);
      return p;
    },
  };
}
