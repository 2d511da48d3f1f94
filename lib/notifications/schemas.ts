import { z } from "zod";
import { DIGESTS, NOTIFICATION_EVENT_TYPES, type ChannelKind, type NotificationEventType } from "./vocabulary";

// Client-safe: what the console notifies about, the channel and rule forms, and the DTOs the settings page and the
// delivery log read.

export * from "./vocabulary";

export const DELIVERY_STATES = ["pending", "sending", "retrying", "sent", "failed"] as const;
export type DeliveryState = (typeof DELIVERY_STATES)[number];

/**
 * What a message says and links to. Built by the producer from the cause (an alert, a request), never from
 * credentials: the outbox row is read by the worker and rendered into e-mail and webhooks as it is.
 */
export interface NotificationPayload {
  title: string;
  summary: string;
  /** Console path the message links to ("/alerts/da123…"); CONSOLE_URL is prefixed when it is sent. */
  path: string;
  severity?: string;
  priority?: string;
  category?: string;
  deviceGroup?: string;
  detectionSource?: string;
  /** sync.failing: minutes since the last success. */
  failingMinutes?: number;
  /** approval.requested: who may approve (UPNs), for rules that write to approvers. */
  approvers?: string[];
}

export interface NotificationEventInput {
  type: NotificationEventType;
  /** The same cause seen twice (a sync re-reading an alert) is one event: "alert.created:<alert id>". */
  dedupeKey: string;
  payload: NotificationPayload;
  occurredAt?: Date;
}

const list = z.array(z.string().trim().min(1).max(200)).max(50).default([]);

/** A rule's filter; an empty list matches anything. */
export const RuleFilter = z
  .object({
    priorities: list,
    severities: list,
    categories: list,
    deviceGroups: list,
    detectionSources: list,
    /** sync.failing: how long the sync must have been failing. */
    syncFailingMinutes: z
      .number()
      .int()
      .min(1)
      .max(7 * 24 * 60)
      .optional(),
    /** approval.requested: also e-mail the people who may approve. */
    toApprovers: z.boolean().default(false),
  })
  .strict();
export type RuleFilter = z.infer<typeof RuleFilter>;

const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "must be a time like 22:00");

export const QuietHours = z.object({ start: clock, end: clock }).strict();
export type QuietHours = z.infer<typeof QuietHours>;

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

export const RuleInput = z
  .object({
    name: z.string().trim().min(1).max(120),
    enabled: z.boolean().default(true),
    eventType: z.enum(NOTIFICATION_EVENT_TYPES),
    filter: RuleFilter.default(RuleFilter.parse({})),
    channelIds: z.array(z.string().uuid()).min(1, "choose at least one channel").max(20),
    digest: z.enum(DIGESTS).default("immediate"),
    quietHours: QuietHours.nullable().default(null),
    timeZone: z.string().trim().refine(isTimeZone, "must be an IANA time zone such as Europe/Paris").default("UTC"),
  })
  .strict();
export type RuleInput = z.infer<typeof RuleInput>;

const recipients = z
  .string()
  .trim()
  .min(3)
  .max(2000)
  .refine(
    (v) => v.split(",").every((a) => z.string().email().safeParse(a.trim()).success),
    "must be e-mail addresses separated by commas",
  );

const channelOf = <K extends ChannelKind, T extends z.ZodType<string>>(kind: K, target: T) =>
  z
    .object({
      kind: z.literal(kind),
      name: z.string().trim().min(1).max(120),
      target,
      enabled: z.boolean().default(true),
    })
    .strict();

const url = z.string().trim().url().max(2000);

export const ChannelInput = z.discriminatedUnion("kind", [
  channelOf("email", recipients),
  channelOf("teams", url),
  channelOf("webhook", url),
]);
export type ChannelInput = z.infer<typeof ChannelInput>;

export const IdParam = z.object({ id: z.string().uuid() });

export const DeliveryLogQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  outcome: z.enum(["sent", "retrying", "failed"]).optional(),
});
export type DeliveryLogQuery = z.infer<typeof DeliveryLogQuery>;

/** A channel as the settings page sees it: the webhook key never, a Teams URL masked. */
export interface ChannelView {
  id: string;
  name: string;
  kind: ChannelKind;
  target: string;
  enabled: boolean;
  updatedAt: string;
  updatedBy: string | null;
}

export interface RuleView extends RuleInput {
  id: string;
  updatedAt: string;
  updatedBy: string | null;
}

export interface DeliveryLogRow {
  at: string;
  eventId: string;
  eventType: string;
  title: string;
  channelId: string;
  channelName: string | null;
  attempt: number;
  outcome: "sent" | "retrying" | "failed";
  error: string | null;
  nextAttemptAt: string | null;
  durationMs: number;
}
