import type { OutgoingMessage } from "../message";
import { DELIVERY_HEADER, signBody, SIGNATURE_HEADER, TIMESTAMP_HEADER } from "../signature";
import { DeliveryError } from "./errors";
import { postJson } from "./http-post";

// The generic webhook: the message as JSON, signed (signature.ts), with the delivery id a receiver dedupes on.

export function webhookBody(m: OutgoingMessage): string {
  return JSON.stringify({ deliveryId: m.deliveryId, subject: m.subject, events: m.items });
}

export async function sendWebhook(url: string, secret: string | null, m: OutgoingMessage): Promise<void> {
  if (!secret) throw new DeliveryError("The channel has no signing key; create it again.", false);
  const body = webhookBody(m);
  const timestamp = Math.floor(Date.now() / 1000);
  await postJson(url, body, {
    [TIMESTAMP_HEADER]: String(timestamp),
    [SIGNATURE_HEADER]: signBody(secret, timestamp, body),
    [DELIVERY_HEADER]: m.deliveryId,
  });
}
