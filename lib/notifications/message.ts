import { getConfig } from "../config/env";
import type { NotificationPayload } from "./schemas";

// One outgoing message: a single event, or a digest of several. Rendered by each channel; carries what the payload
// carries (titles, facets, links), never a credential.

export interface MessageItem {
  eventId: string;
  type: string;
  title: string;
  summary: string;
  url: string;
  occurredAt: string;
  severity?: string;
  priority?: string;
}

export interface OutgoingMessage {
  /** Stable per (message, channel): repeated on a retry, so a receiver can drop a copy it already has. */
  deliveryId: string;
  subject: string;
  items: MessageItem[];
  /** approval.requested with a rule that writes to approvers: their addresses. */
  extraRecipients: string[];
}

/** The console page an event links to. CONSOLE_URL names the public address; without it, the local default. */
export function consoleLink(path: string): string {
  const base = getConfig().CONSOLE_URL ?? "http://localhost:3000";
  return new URL(path, base.endsWith("/") ? base : `${base}/`).toString();
}

export interface EventForMessage {
  id: string;
  type: string;
  payload: NotificationPayload;
  occurredAt: Date;
}

export function buildMessage(
  deliveryId: string,
  events: readonly EventForMessage[],
  opts: { toApprovers?: boolean } = {},
): OutgoingMessage {
  const items = events.map((e) => ({
    eventId: e.id,
    type: e.type,
    title: e.payload.title,
    summary: e.payload.summary,
    url: consoleLink(e.payload.path),
    occurredAt: e.occurredAt.toISOString(),
    ...(e.payload.severity ? { severity: e.payload.severity } : {}),
    ...(e.payload.priority ? { priority: e.payload.priority } : {}),
  }));
  const subject =
    items.length === 1 ? `[SOC] ${items[0].title}` : `[SOC] ${items.length} notifications: ${items[0].title} and more`;
  const extraRecipients = opts.toApprovers ? [...new Set(events.flatMap((e) => e.payload.approvers ?? []))] : [];
  return { deliveryId, subject, items, extraRecipients };
}

/** The message as plain text (e-mail body, logs of the demo sink). */
export function messageText(m: OutgoingMessage): string {
  return m.items.map((i) => `${i.title}\n${i.summary ? `${i.summary}\n` : ""}${i.url}\n`).join("\n");
}
