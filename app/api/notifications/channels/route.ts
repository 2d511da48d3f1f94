import { route } from "@/lib/auth/route";
import { createChannel, listChannels } from "@/lib/notifications";
import { ChannelInput } from "@/lib/notifications/schemas";

// GET /api/notifications/channels (notifications:rules) — channels by name (URLs masked), for the rule editor too
export const GET = route({ permission: "notifications:rules" }, async () => ({ data: await listChannels() }));

// POST /api/notifications/channels (notifications:channels) — add an e-mail, Teams or signed webhook channel; a
// webhook's signing key is in this answer only
export const POST = route(
  {
    permission: "notifications:channels",
    body: ChannelInput,
    audit: "notifications.channel.create",
    secretAnswer: true,
  },
  async ({ body, audit }) => createChannel(audit, body),
);
