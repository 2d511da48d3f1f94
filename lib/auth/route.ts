import { randomUUID } from "node:crypto";
import { z, ZodError, type ZodType } from "zod";
import { getConfig } from "../config/env";
import { recordAuditFailure } from "../audit";
import { AppError, BadRequest, Forbidden, RateLimited, Unauthorized, type FieldIssue } from "../http/errors";
import { logger } from "../log";
import type { Actor, AuditContext } from "./actor";
import { consoleOrigin, readCookie, SESSION_COOKIE } from "./cookies";
import type { Permission } from "./permissions";
import { takeToken } from "./rate-limit";
import { actorFromSession } from "./sessions";
import { actorFromApiToken } from "./tokens";

// Every route handler goes through route(): the same checks in the same order, declared once per handler.
//   1 request id  2 credentials (Bearer token or session cookie)  3 CSRF for cookie mutations  4 rate limit
//   5 permission  6 zod parse  7 handler  8 errors → one JSON envelope; failures of audited acts are recorded.
// Route files need no `export const dynamic = "force-dynamic"`: since Next.js 15 route handlers, GET included,
// run on every request unless a file opts into caching (Next.js docs: Getting Started › Route Handlers › Caching).

/** "public": no credentials needed (health, sign-in). "authenticated": any signed-in user or token. */
export type Access = Permission | "authenticated" | "public";

const MUTATING = new Set(["POST", "PUT", "PATCH", "DELETE"]);

export interface RouteOptions<P, Q, B> {
  permission: Access;
  params?: ZodType<P>;
  query?: ZodType<Q>;
  body?: ZodType<B>;
  /** Audit action for state-changing handlers (required for POST/PUT/PATCH/DELETE; a test enforces it). */
  audit?: string;
  /** Mutations are limited by default. */
  rateLimit?: boolean;
}

export interface RouteContext<P, Q, B> {
  req: Request;
  actor: Actor | null;
  params: P;
  query: Q;
  body: B;
  requestId: string;
  audit: AuditContext;
}

type Handler<P, Q, B> = (ctx: RouteContext<P, Q, B>) => Promise<unknown>;
type NextRouteContext = { params: Promise<Record<string, string | string[]>> };

export interface RouteHandler {
  (req: Request, ctx?: NextRouteContext): Promise<Response>;
  /** Read by the route-matrix test. */
  readonly access: Access;
  readonly auditAction?: string;
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{8,100}$/;

function clientIp(req: Request): string | null {
  const forwarded = req.headers.get("x-forwarded-for");
  return forwarded ? forwarded.split(",")[0].trim().slice(0, 64) : null;
}

async function authenticate(req: Request): Promise<Actor | null> {
  const authorization = req.headers.get("authorization");
  if (authorization !== null) {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization.trim());
    if (!match) throw new BadRequest("Authorization header must be 'Bearer <token>'.", [{ path: "authorization", message: "malformed" }]);
    const actor = await actorFromApiToken(match[1]);
    if (!actor) throw new Unauthorized("The API token is invalid, expired or revoked.");
    return actor;
  }
  return actorFromSession(readCookie(req.headers.get("cookie"), SESSION_COOKIE));
}

/** Cookie-authenticated mutations must come from the console's own pages (SameSite=Lax is not enough alone). */
function assertSameOrigin(req: Request): void {
  const origin = req.headers.get("origin");
  if (origin) {
    if (origin !== consoleOrigin(req)) throw new Forbidden("Cross-site request refused.");
    return;
  }
  if (req.headers.get("sec-fetch-site") !== "same-origin") throw new Forbidden("Cross-site request refused: Origin header missing.");
}

function zodIssues(error: ZodError, prefix: string): FieldIssue[] {
  return error.issues.map((i) => ({ path: [prefix, ...i.path.map(String)].filter(Boolean).join("."), message: i.message }));
}

function parse<T>(schema: ZodType<T> | undefined, value: unknown, where: "params" | "query" | "body"): T {
  if (!schema) return undefined as T;
  const result = schema.safeParse(value);
  if (!result.success) {
    const issues = zodIssues(result.error, where === "body" ? "" : where);
    throw new BadRequest(`Invalid ${where}: ${issues.map((i) => `${i.path || where} ${i.message}`).join("; ")}`, issues);
  }
  return result.data;
}

function queryObject(url: URL): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const key of new Set(url.searchParams.keys())) {
    const all = url.searchParams.getAll(key);
    out[key] = all.length > 1 ? all : all[0];
  }
  return out;
}

async function readBody(req: Request): Promise<unknown> {
  const text = await req.text();
  if (!text) return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new BadRequest("Request body is not valid JSON.", [{ path: "body", message: "malformed JSON" }]);
  }
}

export function errorResponse(error: unknown, requestId: string): Response {
  if (error instanceof ZodError) error = new BadRequest("Invalid input.", zodIssues(error, ""));
  if (!(error instanceof AppError)) {
    const code = (error as { code?: string })?.code;
    if (code === "P2025") error = new AppError(404, "not_found", "Not found.");
  }
  if (error instanceof AppError) {
    const headers: Record<string, string> = { "X-Request-Id": requestId };
    if (error.extra.retryAfterSeconds !== undefined) headers["Retry-After"] = String(error.extra.retryAfterSeconds);
    return Response.json(
      { error: { code: error.code, message: error.message, requestId, ...(error.extra.issues ? { issues: error.extra.issues } : {}), ...(error.extra.details ? { details: error.extra.details } : {}) } },
      { status: error.status, headers },
    );
  }
  logger.error("unhandled route error", { requestId, error });
  return Response.json(
    { error: { code: "internal_error", message: "Something went wrong on the server. Quote the request id if it keeps happening.", requestId } },
    { status: 500, headers: { "X-Request-Id": requestId } },
  );
}

export function route<P = undefined, Q = undefined, B = undefined>(
  options: RouteOptions<P, Q, B>,
  handler: Handler<P, Q, B>,
): RouteHandler {
  const wrapped = async (req: Request, nextCtx?: NextRouteContext): Promise<Response> => {
    const incoming = req.headers.get("x-request-id");
    const requestId = incoming && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    const method = req.method.toUpperCase();
    const mutating = MUTATING.has(method);
    let audit: AuditContext | null = null;
    const extraHeaders: Record<string, string> = {};
    try {
      const actor = await authenticate(req);
      if (!actor && options.permission !== "public") throw new Unauthorized();
      if (actor && mutating && actor.type === "user") assertSameOrigin(req);
      if (actor && mutating && options.rateLimit !== false) {
        const limit = takeToken(`${actor.type}:${actor.id}`, getConfig().RATE_LIMIT_MUTATIONS_PER_MINUTE);
        extraHeaders["X-RateLimit-Limit"] = String(limit.limit);
        extraHeaders["X-RateLimit-Remaining"] = String(limit.remaining);
        if (!limit.allowed) throw new RateLimited(limit.retryAfterSeconds);
      }
      if (options.permission !== "public" && options.permission !== "authenticated" && !actor!.permissions.has(options.permission)) {
        throw new Forbidden(`Your role (${actor!.roles.join(", ") || "none"}) does not include ${options.permission}.`);
      }
      audit = actor ? { actor, requestId, ip: clientIp(req) } : null;
      const params = parse(options.params, nextCtx ? await nextCtx.params : {}, "params");
      const query = parse(options.query, queryObject(new URL(req.url)), "query");
      const body = options.body ? parse(options.body, await readBody(req), "body") : (undefined as B);
      const result = await handler({
        req,
        actor,
        params,
        query,
        body,
        requestId,
        audit: audit ?? { actor: SYSTEM_ANONYMOUS, requestId, ip: clientIp(req) },
      });
      const response = result instanceof Response ? result : Response.json(result ?? { ok: true });
      response.headers.set("X-Request-Id", requestId);
      for (const [k, v] of Object.entries(extraHeaders)) response.headers.set(k, v);
      return response;
    } catch (error) {
      if (audit && options.audit && !(error instanceof BadRequest)) {
        await recordAuditFailure(audit, { action: options.audit }, error instanceof Error ? error.message : String(error)).catch(
          (e: unknown) => logger.error("could not record audit failure", { requestId, error: e }),
        );
      }
      const response = errorResponse(error, requestId);
      for (const [k, v] of Object.entries(extraHeaders)) response.headers.set(k, v);
      return response;
    }
  };
  return Object.assign(wrapped, { access: options.permission, auditAction: options.audit });
}

const SYSTEM_ANONYMOUS: Actor = { type: "user", id: "anonymous", name: "anonymous", roles: [], permissions: new Set() };

export { z };
