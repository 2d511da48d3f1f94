import { route } from "@/lib/auth/route";
import { testChannel } from "@/lib/notifications";
import { IdParam } from "@/lib/notifications/schemas";

// POST /api/notifications/channels/[id]/test (notifications:channels) — send a test message now; 422 names why it
// did not arrive (SMTP server unreachable, URL refused, receiver's error)
export const POST = route(
  { permission: "notifications:channels", params: IdParam, audit: "notifications.channel.test" },
  async ({ params, audit }) => testChannel(audit, params.id),
);
