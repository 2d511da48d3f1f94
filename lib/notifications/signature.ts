import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

// The generic webhook's signature (docs/notifications.md tells receivers how to check it): HMAC-SHA256, keyed by the
// channel's secret, over "<timestamp>.<raw body>", sent as "v1=<hex>". The timestamp is signed too, so a receiver
// that refuses old timestamps also refuses a replayed request.

export const SIGNATURE_HEADER = "x-soc-signature";
export const TIMESTAMP_HEADER = "x-soc-timestamp";
export const DELIVERY_HEADER = "x-soc-delivery-id";

export function newWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString("base64url")}`;
}

export function signBody(secret: string, timestamp: number, body: string): string {
  return `v1=${createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex")}`;
}

/** What a receiver does (used by the tests' receiver): same HMAC, constant-time compare, bounded clock skew. */
export function verifySignature(
  secret: string,
  headers: { signature?: string | null; timestamp?: string | null },
  body: string,
  now: number = Math.floor(Date.now() / 1000),
  toleranceSeconds = 300,
): boolean {
  const timestamp = Number(headers.timestamp);
  if (!headers.signature || !Number.isInteger(timestamp) || Math.abs(now - timestamp) > toleranceSeconds) return false;
  const expected = Buffer.from(signBody(secret, timestamp, body));
  const given = Buffer.from(headers.signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
