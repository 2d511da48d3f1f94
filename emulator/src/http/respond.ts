// Writing responses: OData headers for MDE/Graph payloads (API page examples and captured live responses), plain
// JSON for errors, deflate/gzip when the client accepts it (captured live MDE responses are deflated).
import { randomUUID } from "node:crypto";
import { deflate, gzip, constants as zlibConstants } from "node:zlib";
import { promisify } from "node:util";
import type { RequestContext } from "./context";
import { ApiError } from "./errors";

const deflateAsync = promisify(deflate);
const gzipAsync = promisify(gzip);

export const ODATA_CONTENT_TYPE = "application/json; odata.metadata=minimal; odata.streaming=true; charset=utf-8";
export const PLAIN_JSON = "application/json; charset=utf-8";

function baseHeaders(ctx: RequestContext): Record<string, string> {
  const h: Record<string, string> = { "Strict-Transport-Security": "max-age=31536000; includeSubDomains" };
  if (ctx.surface === "graph") {
    h["request-id"] = ctx.requestId;
    h["client-request-id"] = ctx.clientRequestId ?? ctx.requestId;
  } else if (ctx.surface === "identity") {
    h["x-ms-request-id"] = ctx.requestId;
    h["Cache-Control"] = "no-store, no-cache";
    h["Pragma"] = "no-cache";
  } else {
    h["mise-correlation-id"] = ctx.requestId;
  }
  return h;
}

export async function sendBody(
  ctx: RequestContext,
  status: number,
  body: string,
  contentType: string,
  extra: Record<string, string> = {},
): Promise<void> {
  const { res } = ctx;
  if (res.headersSent || res.destroyed) return;
  const headers: Record<string, string> = { ...baseHeaders(ctx), "Content-Type": contentType, ...extra };
  if (contentType === ODATA_CONTENT_TYPE) headers["OData-Version"] = "4.0";
  let payload: Buffer = Buffer.from(body, "utf8");
  const accept = String(ctx.req.headers["accept-encoding"] ?? "");
  if (payload.length > 1024 && (ctx.surface === "mde" || ctx.surface === "graph")) {
    const level = payload.length > 262_144 ? zlibConstants.Z_BEST_SPEED : zlibConstants.Z_DEFAULT_COMPRESSION;
    headers["Vary"] = "Accept-Encoding";
    if (/\bdeflate\b/.test(accept)) {
      payload = await deflateAsync(payload, { level });
      headers["Content-Encoding"] = "deflate";
    } else if (/\bgzip\b/.test(accept)) {
      payload = await gzipAsync(payload, { level });
      headers["Content-Encoding"] = "gzip";
    }
  }
  if (res.destroyed) return;
  headers["Content-Length"] = String(payload.length);
  res.writeHead(status, headers);
  res.end(ctx.method === "HEAD" ? undefined : payload);
}

export function sendJson(
  ctx: RequestContext,
  status: number,
  value: unknown,
  odata = true,
  extra: Record<string, string> = {},
): Promise<void> {
  return sendBody(ctx, status, JSON.stringify(value), odata ? ODATA_CONTENT_TYPE : PLAIN_JSON, extra);
}

export function sendEmpty(ctx: RequestContext, status: number, extra: Record<string, string> = {}): void {
  const { res } = ctx;
  if (res.headersSent || res.destroyed) return;
  res.writeHead(status, { ...baseHeaders(ctx), "Content-Length": "0", ...extra });
  res.end();
}

export function sendRedirect(ctx: RequestContext, location: string): void {
  sendEmpty(ctx, 302, { Location: location });
}

export function sendHtml(ctx: RequestContext, status: number, html: string, allowInlineScript = false): void {
  const { res } = ctx;
  if (res.headersSent || res.destroyed) return;
  const payload = Buffer.from(html, "utf8");
  res.writeHead(status, {
    ...baseHeaders(ctx),
    "Content-Type": "text/html; charset=utf-8",
    "Content-Length": String(payload.length),
    "Content-Security-Policy": `default-src 'none'; style-src 'unsafe-inline'; form-action *; frame-ancestors 'none'${allowInlineScript ? "; script-src 'unsafe-inline'" : ""}`,
    "X-Frame-Options": "DENY",
  });
  res.end(payload);
}

/** MDE/XDR error envelope (defender-endpoint/api/common-errors): `target` is a fresh correlation GUID. */
export function mdeErrorBody(code: string, message: string, target: string = randomUUID()): string {
  return JSON.stringify({ error: { code, message, target } });
}

/** Graph error envelope ("Microsoft Graph error responses and resource types"). */
export function graphErrorBody(ctx: RequestContext, code: string, message: string): string {
  return JSON.stringify({
    error: {
      code,
      message,
      innerError: {
        date: new Date().toISOString().replace(/\.\d+Z$/, ""),
        "request-id": ctx.requestId,
        "client-request-id": ctx.clientRequestId ?? ctx.requestId,
      },
    },
  });
}

/** Graph codes for the statuses we emit (top-level codes listed in learn.microsoft.com/graph/errors). */
function graphCodeFor(err: ApiError): string {
  switch (err.status) {
    case 400:
      return "invalidRequest";
    case 401:
      return "unauthenticated";
    case 403:
      return "accessDenied";
    case 404:
      return "itemNotFound";
    case 405:
      return "notAllowed";
    case 429:
      return "activityLimitReached";
    case 501:
      return "notSupported";
    case 503:
      return "serviceNotAvailable";
    default:
      return err.status >= 500 ? "generalException" : err.code;
  }
}

export function sendApiError(ctx: RequestContext, err: ApiError): Promise<void> {
  const extra = { ...err.headers };
  if (err.status === 401) extra["WWW-Authenticate"] ??= 'Bearer realm="", error="invalid_token"';
  if (ctx.surface === "graph") {
    const code = err.code.startsWith("graph:") ? err.code.slice(6) : graphCodeFor(err);
    return sendBody(ctx, err.status, graphErrorBody(ctx, code, err.message), PLAIN_JSON, extra);
  }
  return sendBody(ctx, err.status, mdeErrorBody(err.code, err.message, err.target), PLAIN_JSON, extra);
}
