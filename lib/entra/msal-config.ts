import type { Configuration } from "@azure/msal-node";
import { LogLevel } from "@azure/msal-node";
import { getConfig, hasTenant } from "../config/env";
import { NotConfigured } from "../http/errors";
import { logger } from "../log";

// The console's one Entra app registration, as msal-node wants it. Used for user sign-in (lib/auth/oidc.ts) and
// for the app-only tokens the Defender and Graph clients use (lib/entra/app-token.ts).

const MICROSOFT_HOSTS = new Set([
  "login.microsoftonline.com",
  "login.microsoftonline.us",
  "login.partner.microsoftonline.cn",
]);

export interface TenantSettings {
  host: string;
  tenantId: string;
  clientId: string;
  clientSecret: string;
  authority: string;
  issuer: string;
  jwksUri: string;
}

export function tenantSettings(): TenantSettings {
  const cfg = getConfig();
  if (!hasTenant(cfg))
    throw new NotConfigured("No tenant is configured: set ENTRA_TENANT_ID, ENTRA_CLIENT_ID and ENTRA_CLIENT_SECRET.");
  const host = cfg.ENTRA_AUTHORITY_HOST.replace(/\/+$/, "");
  return {
    host,
    tenantId: cfg.ENTRA_TENANT_ID!,
    clientId: cfg.ENTRA_CLIENT_ID!,
    clientSecret: cfg.ENTRA_CLIENT_SECRET!,
    authority: `${host}/${cfg.ENTRA_TENANT_ID}`,
    issuer: `${host}/${cfg.ENTRA_TENANT_ID}/v2.0`,
    jwksUri: `${host}/${cfg.ENTRA_TENANT_ID}/discovery/v2.0/keys`,
  };
}

export function msalConfiguration(t: TenantSettings = tenantSettings()): Configuration {
  const authorityHost = new URL(t.host).host;
  return {
    auth: {
      clientId: t.clientId,
      clientSecret: t.clientSecret,
      authority: t.authority,
      // For a host MSAL does not know it would first call Microsoft's instance discovery; declaring it known
      // keeps every request on the configured authority (the emulator, or a sovereign cloud).
      ...(MICROSOFT_HOSTS.has(authorityHost) ? {} : { knownAuthorities: [authorityHost] }),
    },
    system: {
      loggerOptions: {
        piiLoggingEnabled: false,
        // Warnings are routine for app-only tokens ("No client info in response"); errors are what an operator needs.
        logLevel: LogLevel.Error,
        loggerCallback: (level, message) => {
          if (level <= LogLevel.Error) logger.warn("msal", { message });
        },
      },
    },
  };
}
