import { createHash } from "node:crypto";
import { db, Prisma } from "../db";
import { AppError, BadRequest, Conflict } from "../http/errors";
import type { Actor } from "./actor";

// The Idempotency-Key request header (IETF HTTPAPI draft "The Idempotency-Key HTTP Header Field", the convention
// Stripe and others use): a client sends one key per user intent; the same actor repeating the same key gets the
// first answer back instead of a second change. A double click, a retried fetch or a nervous API client therefore
// change Microsoft's data once. The route() wrapper applies it to every mutation that carries the header.

export const IDEMPOTENCY_HEADER = "idempotency-key";
/** Answers are kept this long; a key reused after that is a new request. */
const KEEP_MS = 24 * 60 * 60 * 1000;
/** A first request still marked running after this long died with its process: a repeat may run again. */
const ABANDONED_MS = 5 * 60 * 1000;
/** Answers larger than this are not kept (a repeat then gets 409 instead of a copy). */
const MAX_STORED_CHARS = 64 * 1024;

const KEY_FORMAT = /^[\x21-\x7e]{8,200}$/;

export interface IdempotentClaim {
  /** Keeps the handler's answer for repeats; a retryable failure releases the key instead. */
  settle(response: Response): Promise<Response>;
  release(): Promise<void>;
}

/** The header's value, or null when the request has none; a malformed value is refused rather than ignored. */
export function readIdempotencyKey(headers: Headers): string | null {
  const value = headers.get(IDEMPOTENCY_HEADER);
  if (value === null) return null;
  const key = value.trim();
  if (!KEY_FORMAT.test(key))
    throw new BadRequest("Idempotency-Key must be 8 to 200 visible ASCII characters.", [
      { path: "idempotency-key", message: "malformed" },
    ]);
  return key;
}

function fingerprintOf(method: string, path: string, body: unknown): string {
  return createHash("sha256")
    .update(`${method} ${path}\n${JSON.stringify(body ?? null)}`)
    .digest("hex");
}

function replay(status: number, response: string): Response {
  return new Response(response, {
    status,
    headers: { "Content-Type": "application/json", "Idempotent-Replayed": "true" },
  });
}

function isDuplicateKey(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
}

/**
 * Claims `key` for this actor and request. Returns either a claim (run the handler, then settle it) or the first
 * request's stored answer to send back as it is. Refuses a key reused for a different request (422) or still
 * being worked on (409).
 */
export async function claimIdempotencyKey(
  actor: Actor,
  key: string,
  request: { method: string; path: string; body: unknown },
): Promise<IdempotentClaim | Response> {
  const actorKey = `${actor.type}:${actor.id}`;
  const fingerprint = fingerprintOf(request.method, request.path, request.body);
  const where = { actorKey_key: { actorKey, key } };
  const now = Date.now();

  try {
    await db().idempotentRequest.create({ data: { actorKey, key, fingerprint } });
  } catch (error) {
    if (!isDuplicateKey(error)) throw error;
    const first = await db().idempotentRequest.findUnique({ where });
    if (!first) return claimIdempotencyKey(actor, key, request);
    const expired = now - first.createdAt.getTime() > KEEP_MS;
    const abandoned = first.status === null && now - first.createdAt.getTime() > ABANDONED_MS;
    if (expired || abandoned) {
      // Take the stale row over only if nobody else did in the meantime.
      const taken = await db().idempotentRequest.updateMany({
        where: { actorKey, key, createdAt: first.createdAt },
        data: { fingerprint, status: null, response: null, createdAt: new Date(now) },
      });
      if (taken.count === 0) return claimIdempotencyKey(actor, key, request);
    } else if (first.fingerprint !== fingerprint) {
      throw new AppError(
        422,
        "idempotency_key_reused",
        "This Idempotency-Key was already used for a different request; send a new key for a new request.",
        { issues: [{ path: "idempotency-key", message: "reused for a different request" }] },
      );
    } else if (first.status === null) {
      throw new Conflict("The same request is still being processed; its answer will follow.");
    } else if (first.response === null) {
      throw new Conflict("This request was already processed; send a new key for a new request.");
    } else {
      return replay(first.status, first.response);
    }
  }

  // Now and then, forget answers nobody can ask for again.
  if (Math.random() < 0.02)
    await db().idempotentRequest.deleteMany({ where: { createdAt: { lt: new Date(now - KEEP_MS) } } });

  const release = async () => {
    await db().idempotentRequest.deleteMany({ where: { actorKey, key, status: null } });
  };
  return {
    release,
    async settle(response) {
      // Throttling and server-side failures may succeed later: the key is freed so the same intent can retry.
      if (response.status === 409 || response.status === 429 || response.status >= 500) {
        await release();
        return response;
      }
      const text = await response.clone().text();
      if (text.length > MAX_STORED_CHARS) {
        await db().idempotentRequest.update({ where, data: { status: response.status } });
        return response;
      }
      await db().idempotentRequest.update({ where, data: { status: response.status, response: text } });
      return response;
    },
  };
}
