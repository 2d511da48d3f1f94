import { randomUUID } from "node:crypto";
import { z, ZodError, type ZodType } from "zod";
import { getConfig } from "../config/env";
import { isAudited, recordAuditFailure, type AuditAction } from "../audit";
import { securityEvents, type DenialReason } from "../audit/security-events";
import { AppError, BadRequest, Forbidden, RateLimited, Unauthorized, type FieldIssue } from "../http/errors";
import { queryRecord } from "../http/query-params";
import { logger } from "../log";
import type { Actor, AuditContext } from "./actor";
import { claimIdempotencyKey, readIdempotencyKey, type IdempotentClaim } from "./idempotency";
import { consoleOrigin, isHttps, readCookie, sessionCookieName } from "./cookies";
import { PEOPLE_ONLY, type Permission } from "./permissions";
import { takeToken } from "./rate-limit";
import { actorFromSession } from "./sessions";
import { resolveApiToken, tokenPrefix, type TokenRefusal } from "./tokens";

// Every route handler goes through route(): the same checks in the same order, declared once per handler.
//   1 request id  2 credentials (Bearer token or session cookie)  3 CSRF for cookie mutations  4 rate limit
//   5 permission  6 zod parse  7 Idempotency-Key (mutations that carry one: a repeat gets the first answer)
//   8 handler  9 errors → one JSON envelope; failures of audited acts are recorded.
// Route files need no `export const dynamic = "force-dynamic"`: since Next.js 15 route handlers, GET included,
// run on every request unless a file opts into caching (Next.js docs: Getting Started › Route Handlers › Caching).

/** "public": no credentials needed (health, sign-in). "authenticated": any signed-in user or token. */
export type Access = Permission | "authenticated" | "public";

const MUTATING = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/** Per actor, for GETs that may call Defender: room for the action center following 10 actions every 3 s. */
export const DEFENDER_READS_PER_MINUTE = 300;

/** The actor a handler sees: anyone (or no one) on a public route, a proven one everywhere else. */
export type ActorFor<A extends Access> = A extends "public" ? Actor | null : Actor;

export interface RouteOptions<P, Q, B, A extends Access = Access> {
  permission: A;
  params?: ZodType<P>;
  query?: ZodType<Q>;
  body?: ZodType<B>;
  /** Audit action for state-changing handlers (required for POST/PUT/PATCH/DELETE; a test enforces it). */
  audit?: AuditAction;
  /**
   * Mutations are limited by default (false: not). "defender-read": a GET that may call Defender, limited per
   * actor too (DEFENDER_READS_PER_MINUTE), so no reader can make the console call Defender without bound.
   */
  rateLimit?: boolean | "defender-read";
  /** A larger body limit than MAX_BODY_BYTES, for a route that takes a file as JSON (an indicator CSV, a library script). */
  maxBodyBytes?: number;
  /** Only a signed-in person (a session), never an API token. */
  peopleOnly?: boolean;
  /**
   * The answer holds a secret (a new token's plaintext), so an Idempotency-Key repeat is refused with 409 instead of
   * replayed: the console never stores the secret, not even as a kept answer.
   */
  secretAnswer?: boolean;
}

export interface RouteContext<P, Q, B, A extends Access = Access> {
  req: Request;
  actor: ActorFor<A>;
  params: P;
  query: Q;
  body: B;
  requestId: string;
  audit: AuditContext;
}

type Handler<P, Q, B, A extends Access> = (ctx: RouteContext<P, Q, B, A>) => Promise<unknown>;
type NextRouteContext = { params: Promise<Record<string, string | string[]>> };

export interface RouteHandler {
  (req: Request, ctx?: NextRouteContext): Promise<Response>;
  /** Read by the route-matrix test. */
  readonly access: Access;
  readonly auditAction?: AuditAction;
  /** What it accepts, read by the route fuzz test to build inputs near the valid ones. */
  readonly schemas: { params?: ZodType; query?: ZodType; body?: ZodType };
}

/** The header the server's preload (scripts/lib/peer-address.cjs) sets to the TCP peer, overwriting any client value. */
export const PEER_HEADER = "x-soc-peer";
const PEER_HEADER_TRUSTED = Symbol.for("soc.peerHeader");

/**
 * The caller's address, never simply what the client claims. With no trusted proxy (TRUSTED_PROXIES=0) it is the
 * TCP peer, as the server's preload recorded it; without that preload (e.g. `next dev`) it is unknown (null) rather
 * than a header anyone can set. Behind N trusted proxies, each appends the address it received from to
 * X-Forwarded-For, so the client is the N-th entry from the right; entries further left are the client's own claims.
 */
export function clientIp(headers: Headers, trustedProxies: number, peerHeaderTrusted: boolean): string | null {
  const peer = peerHeaderTrusted ? headers.get(PEER_HEADER)?.trim() || null : null;
  if (trustedProxies === 0) return peer?.slice(0, 64) ?? null;
  const hops = (headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((h) => h.trim())
    .filter(Boolean);
  // Fewer hops than proxies: the request did not come through them all, so no entry can be trusted.
  return (hops.length >= trustedProxies ? hops[hops.length - trustedProxies] : peer)?.slice(0, 64) ?? null;
}

function requestIp(req: Request): string | null {
  return clientIp(
    req.headers,
    getConfig().TRUSTED_PROXIES,
    (globalThis as Record<symbol, unknown>)[PEER_HEADER_TRUSTED] === true,
  );
}

/** A refusal before the handler ran: answered as usual, and recorded as a security event (lib/audit/security-events). */
class Denied extends Error {
  constructor(
    readonly error: AppError,
    readonly reason: DenialReason,
    readonly tokenPrefix: string | null = null,
  ) {
    super(error.message);
  }
}

const TOKEN_REFUSALS: Record<TokenRefusal, DenialReason> = {
  malformed: "token_malformed",
  unknown: "token_unknown",
  revoked: "token_revoked",
  expired: "token_expired",
  creator_lost_role: "token_creator_lost_role",
};

async function authenticate(req: Request): Promise<Actor | null> {
  const authorization = req.headers.get("authorization");
  if (authorization !== null) {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization.trim());
    if (!match)
      throw new Denied(
        new BadRequest("Authorization header must be 'Bearer <token>'.", [
          { path: "authorization", message: "malformed" },
        ]),
        "authorization_malformed",
      );
    const resolved = await resolveApiToken(match[1]);
    if ("refused" in resolved) {
      const message =
        resolved.refused === "creator_lost_role"
          ? "The API token's creator no longer holds its role."
          : "The API token is invalid, expired or revoked.";
      throw new Denied(new Unauthorized(message), TOKEN_REFUSALS[resolved.refused], tokenPrefix(match[1]));
    }
    return resolved.actor;
  }
  const cookie = readCookie(req.headers.get("cookie"), sessionCookieName(isHttps(req)));
  const actor = await actorFromSession(cookie);
  if (!actor && cookie) sessionRefused.add(req);
  return actor;
}

/** Requests that carried a session cookie the console did not accept (expired, idle, ended, or never issued). */
const sessionRefused = new WeakSet<Request>();

/** Cookie-authenticated mutations must come from the console's own pages (SameSite=Lax is not enough alone). */
function assertSameOrigin(req: Request): void {
  const origin = req.headers.get("origin");
  if (origin) {
    if (origin !== consoleOrigin(req)) throw new Denied(new Forbidden("Cross-site request refused."), "csrf");
    return;
  }
  if (req.headers.get("sec-fetch-site") !== "same-origin")
    throw new Denied(new Forbidden("Cross-site request refused: Origin header missing."), "csrf");
}

function zodIssues(error: ZodError, prefix: string): FieldIssue[] {
  return error.issues.map((i) => ({
    path: [prefix, ...i.path.map(String)].filter(Boolean).join("."),
    message: i.message,
  }));
}

/** The path of the first string holding a NUL character, which PostgreSQL's text cannot store. */
function nulPath(value: unknown, at: string, depth = 0): string | null {
  if (typeof value === "string") return value.includes("\u0000") ? at : null;
  if (depth > 20 || value === null || typeof value !== "object") return null;
  for (const [key, inner] of Object.entries(value)) {
    const found = nulPath(inner, at ? `${at}.${key}` : key, depth + 1);
    if (found !== null) return found;
  }
  return null;
}

function parse<T>(schema: ZodType<T> | undefined, value: unknown, where: "params" | "query" | "body"): T {
  if (!schema) return undefined as T;
  const nul = nulPath(value, where === "body" ? "" : where);
  if (nul !== null)
    throw new BadRequest(`Invalid ${where}: ${nul || where} contains a NUL character`, [
      { path: nul || where, message: "contains a NUL character" },
    ]);
  const result = schema.safeParse(value);
  if (!result.success) {
    const issues = zodIssues(result.error, where === "body" ? "" : where);
    throw new BadRequest(
      `Invalid ${where}: ${issues.map((i) => `${i.path || where} ${i.message}`).join("; ")}`,
      issues,
    );
  }
  return result.data;
}

/** JSON bodies of these APIs are small; anything larger is refused before it is buffered whole. */
export const MAX_BODY_BYTES = 64 * 1024;

function tooLarge(limit: number): AppError {
  return new AppError(413, "payload_too_large", `Request body is larger than ${limit / 1024} KB.`, {
    issues: [{ path: "body", message: "too large" }],
  });
}

async function readBody(req: Request, limit = MAX_BODY_BYTES): Promise<unknown> {
  if (Number(req.headers.get("content-length") ?? 0) > limit) throw tooLarge(limit);
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = req.body?.getReader();
  for (;;) {
    const next = await reader?.read();
    if (!next || next.done) break;
    size += next.value.byteLength;
    if (size > limit) {
      await reader!.cancel().catch(() => undefined);
      throw tooLarge(limit);
    }
    chunks.push(next.value);
  }
  const text = Buffer.concat(chunks).toString("utf8");
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
      {
        error: {
          code: error.code,
          message: error.message,
          requestId,
          ...(error.extra.issues ? { issues: error.extra.issues } : {}),
          // Also in the body, for clients that cannot read response headers (the Retry-After header says the same).
          ...(error.extra.retryAfterSeconds !== undefined ? { retryAfterSeconds: error.extra.retryAfterSeconds } : {}),
          ...(error.extra.details ? { details: error.extra.details } : {}),
        },
      },
      { status: error.status, headers },
    );
  }
  logger.error("unhandled route error", { requestId, error });
  return Response.json(
    {
      error: {
        code: "internal_error",
        message: "Something went wrong on the server. Quote the request id if it keeps happening.",
        requestId,
      },
    },
    { status: 500, headers: { "X-Request-Id": requestId } },
  );
}

export function route<P = undefined, Q = undefined, B = undefined, A extends Access = Access>(
  options: RouteOptions<P, Q, B, A>,
  handler: Handler<P, Q, B, A>,
): RouteHandler {
  const wrapped = async (req: Request, nextCtx?: NextRouteContext): Promise<Response> => {
    // Always the server's own: a client-chosen id could be reused to muddle the audit trail's correlation.
    const requestId = randomUUID();
    const method = req.method.toUpperCase();
    const mutating = MUTATING.has(method);
    let audit: AuditContext | null = null;
    const extraHeaders: Record<string, string> = {};
    let actor: Actor | null = null;
    let claim: IdempotentClaim | null = null;
    try {
      actor = await authenticate(req);
      if (!actor && options.permission !== "public")
        throw new Denied(new Unauthorized(), sessionRefused.has(req) ? "session_invalid" : "no_credentials");
      if (actor && mutating && actor.type === "user") assertSameOrigin(req);
      const limited = mutating ? options.rateLimit !== false : options.rateLimit === "defender-read";
      if (actor && limited) {
        const limit = mutating
          ? takeToken(`${actor.type}:${actor.id}`, getConfig().RATE_LIMIT_MUTATIONS_PER_MINUTE)
          : takeToken(`defender-read:${actor.type}:${actor.id}`, DEFENDER_READS_PER_MINUTE);
        extraHeaders["X-RateLimit-Limit"] = String(limit.limit);
        extraHeaders["X-RateLimit-Remaining"] = String(limit.remaining);
        if (!limit.allowed) throw new Denied(new RateLimited(limit.retryAfterSeconds), "rate_limited");
      }
      const permission: Access = options.permission;
      if (actor && permission !== "public" && permission !== "authenticated" && !actor.permissions.has(permission)) {
        if (actor.type !== "user" && PEOPLE_ONLY.includes(permission) && actor.roles.length > 0) {
          throw new Denied(
            new Forbidden(`${permission} is for signed-in people only; API tokens cannot use it.`),
            "people_only",
          );
        }
        throw new Denied(
          new Forbidden(`Your role (${actor.roles.join(", ") || "none"}) does not include ${permission}.`),
          "forbidden",
        );
      }
      if (options.peopleOnly && actor?.type !== "user")
        throw new Denied(new Forbidden("This is for signed-in people only; API tokens cannot use it."), "people_only");
      audit = actor ? { actor, requestId, ip: requestIp(req) } : null;
      const params = parse(options.params, nextCtx ? await nextCtx.params : {}, "params");
      const query = parse(options.query, queryRecord(new URL(req.url).searchParams), "query");
      const body = options.body
        ? parse(options.body, await readBody(req, options.maxBodyBytes), "body")
        : (undefined as B);
      const idempotencyKey = mutating && actor ? readIdempotencyKey(req.headers) : null;
      if (idempotencyKey && actor) {
        const url = new URL(req.url);
        const claimed = await claimIdempotencyKey(
          actor,
          idempotencyKey,
          {
            method,
            path: url.pathname + url.search,
            body,
          },
          !options.secretAnswer,
        );
        if (claimed instanceof Response) return withHeaders(claimed, requestId, extraHeaders);
        claim = claimed;
      }
      const result = await handler({
        req,
        // Checked above: only a public route gets here without an actor.
        actor: actor as ActorFor<A>,
        params,
        query,
        body,
        requestId,
        audit: audit ?? { actor: SYSTEM_ANONYMOUS, requestId, ip: requestIp(req) },
      });
      const response = result instanceof Response ? result : Response.json(result ?? { ok: true });
      return withHeaders(claim ? await claim.settle(response) : response, requestId, extraHeaders);
    } catch (caught) {
      let error = caught;
      if (caught instanceof Denied) {
        error = caught.error;
        await securityEvents().record({
          reason: caught.reason,
          status: caught.error.status,
          method,
          path: new URL(req.url).pathname.slice(0, 200),
          actor,
          tokenPrefix: caught.tokenPrefix,
          ip: requestIp(req),
          requestId,
          message: caught.error.message,
        });
      }
      if (audit && options.audit && !(error instanceof BadRequest) && !isAudited(error)) {
        await recordAuditFailure(
          audit,
          { action: options.audit },
          error instanceof Error ? error.message : String(error),
        ).catch((e: unknown) => logger.error("could not record audit failure", { requestId, error: e }));
      }
      const response = errorResponse(error, requestId);
      // A refusal is the answer to that request too; settle() frees the key only for retryable failures.
      const settled = claim ? await claim.settle(response).catch(() => response) : response;
      settled.headers.set("Cache-Control", "no-store");
      for (const [k, v] of Object.entries(extraHeaders)) settled.headers.set(k, v);
      return settled;
    }
  };
  return Object.assign(wrapped, {
    access: options.permission,
    auditAction: options.audit,
    schemas: { params: options.params, query: options.query, body: options.body },
  });
}

function withHeaders(response: Response, requestId: string, extra: Record<string, string>): Response {
  response.headers.set("X-Request-Id", requestId);
  // Per-user JSON (and a new token's plaintext) must not be kept by a browser or proxy cache.
  if (!response.headers.has("Cache-Control")) response.headers.set("Cache-Control", "no-store");
  for (const [k, v] of Object.entries(extra)) response.headers.set(k, v);
  return response;
}

const SYSTEM_ANONYMOUS: Actor = { type: "user", id: "anonymous", name: "anonymous", roles: [], permissions: new Set() };

export { z };
