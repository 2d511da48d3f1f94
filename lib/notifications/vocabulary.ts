// Client-safe and zod-free: the kinds of events, channels and digests, for browser code (./schemas holds the zod
// inputs and re-exports these).

/** Things worth telling someone; each is produced by the domain that sees it happen (lib/notifications/producers.ts). */
export const NOTIFICATION_EVENT_TYPES = [
  "alert.created",
  "incident.created",
  "sla.warning",
  "sla.breached",
  "action.failed",
  "approval.requested",
  "sync.failing",
  "detection_rule.failing",
] as const;
export type NotificationEventType = (typeof NOTIFICATION_EVENT_TYPES)[number];

export const CHANNEL_KINDS = ["email", "teams", "webhook"] as const;
export type ChannelKind = (typeof CHANNEL_KINDS)[number];

/** immediate, or one message per rule and channel every 15 minutes or every hour. */
export const DIGESTS = ["immediate", "15m", "1h"] as const;
export type Digest = (typeof DIGESTS)[number];
