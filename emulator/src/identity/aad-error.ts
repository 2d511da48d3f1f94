// Entra ID token-endpoint error envelope (entra/identity-platform/v2-oauth2-client-creds-grant-flow): error,
// "AADSTSnnnn: …" description, error_codes, timestamp "YYYY-MM-DD HH:MM:SSZ", trace_id, correlation_id.
import { randomUUID } from "node:crypto";
import type { RequestContext } from "../http/context";
import { sendBody, PLAIN_JSON } from "../http/respond";

export class AadError extends Error {
  constructor(
    readonly status: number,
    readonly error: string,
    readonly aadsts: number,
    readonly description: string,
  ) {
    super(`AADSTS${aadsts}: ${description}`);
  }
}

export function aadTimestamp(d = new Date()): string {
  return d
    .toISOString()
    .replace("T", " ")
    .replace(/\.\d+Z$/, "Z");
}

export function sendAadError(ctx: RequestContext, err: AadError): Promise<void> {
  const traceId = randomUUID();
  const correlationId = String(ctx.req.headers["client-request-id"] ?? randomUUID());
  const timestamp = aadTimestamp();
  const body = {
    error: err.error,
    error_description: `AADSTS${err.aadsts}: ${err.description} Trace ID: ${traceId} Correlation ID: ${correlationId} Timestamp: ${timestamp}`,
    error_codes: [err.aadsts],
    timestamp,
    trace_id: traceId,
    correlation_id: correlationId,
    error_uri: `${ctx.baseUrl}/error?code=${err.aadsts}`,
  };
  return sendBody(ctx, err.status, JSON.stringify(body), PLAIN_JSON);
}

export const aad = {
  unknownTenant: (t: string) =>
    new AadError(
      400,
      "invalid_request",
      90002,
      `Tenant '${t}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.`,
    ),
  missingParam: (p: string) =>
    new AadError(400, "invalid_request", 900144, `The request body must contain the following parameter: '${p}'.`),
  unknownClient: (clientId: string, tenant: string) =>
    new AadError(
      400,
      "unauthorized_client",
      700016,
      `Application with identifier '${clientId}' was not found in the directory '${tenant}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant.`,
    ),
  missingSecret: () =>
    new AadError(
      401,
      "invalid_client",
      7000218,
      "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.",
    ),
  wrongSecret: (clientId: string) =>
    new AadError(
      401,
      "invalid_client",
      7000215,
      `Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${clientId}'.`,
    ),
  badScope: (scope: string) =>
    new AadError(
      400,
      "invalid_scope",
      70011,
      `The provided request must include a 'scope' input parameter. The provided value for the input parameter 'scope' is not valid. The scope ${scope} is not valid.`,
    ),
  unknownResource: (resource: string, tenant: string) =>
    new AadError(
      400,
      "invalid_resource",
      500011,
      `The resource principal named ${resource} was not found in the tenant named ${tenant}. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant.`,
    ),
  unsupportedGrant: (g: string) =>
    new AadError(400, "unsupported_grant_type", 70003, `The app requested an unsupported grant type '${g}'.`),
  badCode: () =>
    new AadError(
      400,
      "invalid_grant",
      70008,
      "The provided authorization code or refresh token has expired due to inactivity. Send a new interactive authorization request for this user and resource.",
    ),
  badVerifier: () =>
    new AadError(
      400,
      "invalid_grant",
      501481,
      "The Code_Verifier does not match the code_challenge supplied in the authorization request.",
    ),
  redirectMismatch: () =>
    new AadError(
      400,
      "invalid_grant",
      500112,
      "The reply address does not match the reply address provided when requesting Authorization code.",
    ),
  codeClientMismatch: () =>
    new AadError(
      400,
      "invalid_grant",
      70000,
      "The provided value for the 'code' parameter is not valid. The code was issued to a different client.",
    ),
};
