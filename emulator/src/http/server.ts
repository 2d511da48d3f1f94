// The request pipeline. Order for API calls: stats → latency → dropped connection → route →
// 405 → bearer token (401) → rate limit (429) → injected 500/503 → permission (403) → plan (403) → handler.
import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { RequestContext } from "./context";
import { ApiError, ODataQueryError } from "./errors";
import { sendApiError, sendBody, sendEmpty, PLAIN_JSON } from "./respond";
import type { RouteDef, Router } from "./router";
import type { Faults } from "../faults";
import { FAMILY_LIMITS, type RateDecision, type RateLimiter } from "../rate-limit";
import type { Stats } from "../stats";
import { GRAPH_AUDIENCES, MDE_AUDIENCES } from "../identity/directory";
import { hasAnyPermission, type Principal } from "../identity/principal";
import type { TokenIssuer } from "../identity/token-issuer";
import { IdentityRoutes } from "../identity/identity-routes";
import { assertPlanAllows, type Plan } from "../plan";

export interface PipelineDeps {
  baseUrl: () => string;
  router: Router;
  identity: () => IdentityRoutes;
  issuer: () => TokenIssuer;
  faults: Faults;
  limiter: RateLimiter;
  stats: Stats;
  control: (ctx: RequestContext) => Promise<void>;
  /** Defender for Endpoint plan: Plan 2 APIs refuse a Plan 1 tenant. */
  plan: Plan;
  log: (msg: string) => void;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function createContext(req: IncomingMessage, res: ServerResponse, baseUrl: string): RequestContext {
  const url = new URL(req.url ?? "/", baseUrl);
  let path = url.pathname.replace(/\/{2,}/g, "/");
  let apiPrefix = "/api";
  // `/api/v1.0/...` is the versioned alias of `/api/...` ("Supported Microsoft Defender for Endpoint APIs").
  if (/^\/api\/v1\.0(\/|$)/i.test(path)) {
    path = `/api${path.slice(9)}`;
    apiPrefix = "/api/v1.0";
  }
  // Graph addresses an entity by OData key as well as by path segment: `policies('id')/x` = `policies/id/x`.
  if (/^\/(v1\.0|beta)\//i.test(path)) path = path.replace(/\('([^'/]*)'\)/g, "/$1");
  const incomingId = String(req.headers["client-request-id"] ?? "");
  return {
    req,
    res,
    method: (req.method ?? "GET").toUpperCase(),
    url,
    path,
    apiPrefix,
    query: url.searchParams,
    params: {},
    requestId: randomUUID(),
    clientRequestId: /^[\w-]{8,64}$/.test(incomingId) ? incomingId : null,
    surface:
      path.startsWith("/v1.0/") || path.startsWith("/beta/")
        ? "graph"
        : path.startsWith("/api/") || path === "/api"
          ? "mde"
          : path.startsWith("/_emulator")
            ? "control"
            : "identity",
    principal: null,
    baseUrl,
  };
}

function authenticate(ctx: RequestContext, issuer: TokenIssuer, route: RouteDef): Principal {
  const header = String(ctx.req.headers.authorization ?? "");
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match) throw new ApiError(401, "Unauthorized", "Authorization header is missing or is not a Bearer token.");
  const result = issuer.verifyAccessToken(match[1]!, route.surface === "graph" ? GRAPH_AUDIENCES : MDE_AUDIENCES);
  if (!result.ok) throw new ApiError(401, "Unauthorized", result.message);
  return result.principal;
}

function forbidden(route: RouteDef, p: Principal): ApiError {
  let message = `The application does not have any of the required application permissions (${route.permissions.join(", ")}) to access the resource.`;
  if (
    route.permissions.some((x) => x.startsWith("Incident.") || x.startsWith("AdvancedHunting.")) &&
    !p.audience.includes("api.security.microsoft.com")
  ) {
    message +=
      " Incident permissions belong to the https://api.security.microsoft.com resource (Microsoft Threat Protection).";
  }
  return new ApiError(403, "Forbidden", message);
}

export function createRequestHandler(deps: PipelineDeps) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const ctx = createContext(req, res, deps.baseUrl());
    try {
      if (ctx.surface === "control") return await deps.control(ctx);
      if (ctx.surface === "identity") {
        const template = deps.identity().routeTemplate(ctx.method, ctx.path);
        if (template === null)
          return await sendBody(
            ctx,
            404,
            JSON.stringify({ error: { code: "NotFound", message: `No route for ${ctx.path}` } }),
            PLAIN_JSON,
          );
        deps.stats.record(template, "identity");
        res.on("finish", () => deps.stats.recordStatus(template, String(res.statusCode)));
        if (deps.faults.includeIdentity) {
          if (deps.faults.latencyMs()) await sleep(deps.faults.latencyMs());
          if (deps.faults.shouldDrop()) return void req.socket.destroy();
          const injected = deps.faults.injectedError();
          if (injected)
            return await sendBody(
              ctx,
              injected,
              JSON.stringify({
                error: "temporarily_unavailable",
                error_description: "AADSTS90033: A transient error has occurred. Please try again.",
                error_codes: [90033],
              }),
              PLAIN_JSON,
            );
        }
        return await deps.identity().handle(ctx);
      }
      await handleApi(ctx, deps);
    } catch (err) {
      await renderError(ctx, err, deps.log);
    }
  };
}

async function handleApi(ctx: RequestContext & { countOnly?: boolean }, deps: PipelineDeps): Promise<void> {
  const match = deps.router.match(ctx.method, ctx.path);
  const routeKey = match ? `${match.route?.method ?? ctx.method} ${match.template}` : `${ctx.method} (unmatched)`;
  const family = match?.route?.family ?? "unmatched";
  deps.stats.record(routeKey, family);
  ctx.res.on("finish", () => deps.stats.recordStatus(routeKey, String(ctx.res.statusCode)));
  ctx.res.on("close", () => {
    if (!ctx.res.writableFinished) deps.stats.recordStatus(routeKey, "dropped");
  });

  const faults = deps.faults;
  if (faults.latencyMs() > 0) await sleep(faults.latencyMs());
  if (faults.shouldDrop()) {
    ctx.req.socket.destroy();
    return;
  }
  if (!match)
    throw new ApiError(
      404,
      "NotFound",
      `No HTTP resource was found that matches the request URI '${ctx.url.pathname}'.`,
    );
  if (!match.route) {
    // As captured from the real service: 405, empty body, Allow header.
    return sendEmpty(ctx, 405, { Allow: match.allowed.join(", ") });
  }
  const route = match.route;
  ctx.surface = route.surface;
  ctx.params = match.params;
  ctx.countOnly = match.countOnly;
  const principal = authenticate(ctx, deps.issuer(), route);
  ctx.principal = principal;
  const spec = faults.spec.rateLimit;
  const throttled = (decision: Extract<RateDecision, { ok: false }>) =>
    // 429 with Retry-After in whole seconds (common-errors) and the quota message the real service sends; the
    // indicator routes answer with code "429" and the tenant id as target, as captured from the import API.
    new ApiError(
      429,
      route.throttle === "tenantTarget" ? "429" : "TooManyRequests",
      `API calls quota exceeded! Maximum allowed ${decision.limit} per ${decision.window} for the key Destination+TenantID+AppID. You can send requests again in ${decision.retryAfterSec} seconds.`,
      { "Retry-After": String(decision.retryAfterSec) },
      route.throttle === "tenantTarget" ? principal.tenantId : undefined,
    );
  if (spec) {
    const base = FAMILY_LIMITS[route.family] ?? { perMinute: 100, perHour: 1500 };
    const limit =
      typeof spec === "object"
        ? {
            perMinute: spec.perMinute ?? base.perMinute,
            perHour: spec.perHour ?? base.perHour,
            windowMs: spec.windowSeconds ? spec.windowSeconds * 1000 : undefined,
          }
        : base;
    const decision = deps.limiter.check(`${principal.clientId}|${route.family}`, limit);
    if (!decision.ok) throw throttled(decision);
  }
  if (route.quota) {
    const windowMs = typeof spec === "object" && spec.windowSeconds ? spec.windowSeconds * 1000 : undefined;
    const decision = deps.limiter.check(`${principal.clientId}|quota|${route.method} ${route.template}`, {
      ...route.quota,
      windowMs,
    });
    if (!decision.ok) throw throttled(decision);
  }
  const injected = faults.injectedError();
  if (injected === 500)
    throw new ApiError(500, "InternalServerError", "An internal error occurred. Retry the operation.");
  if (injected === 503)
    throw new ApiError(503, "ServiceUnavailable", "The service is temporarily unavailable. Retry the operation.", {
      "Retry-After": "1",
    });
  if (!hasAnyPermission(principal, route.permissions)) throw forbidden(route, principal);
  assertPlanAllows(deps.plan, route);
  await route.handler(ctx);
}

async function renderError(ctx: RequestContext, err: unknown, log: (m: string) => void): Promise<void> {
  if (ctx.res.headersSent || ctx.res.destroyed) return;
  if (err instanceof ApiError) return sendApiError(ctx, err);
  if (err instanceof ODataQueryError) {
    // MDE: 400 ODataError "Invalid OData URI query" with the specific error (common-errors table).
    return sendApiError(ctx, new ApiError(400, "ODataError", `Invalid OData URI query: ${err.message}`));
  }
  log(`internal error on ${ctx.method} ${ctx.url.pathname}: ${(err as Error)?.stack ?? String(err)}`);
  if (ctx.surface === "identity" || ctx.surface === "control") {
    return sendBody(
      ctx,
      500,
      JSON.stringify({ error: "server_error", error_description: "Internal emulator error." }),
      PLAIN_JSON,
    );
  }
  return sendApiError(
    ctx,
    new ApiError(500, "InternalServerError", "An internal error occurred. Retry the operation."),
  );
}
