import { route } from "@/lib/auth/route";
import { deleteChannel, updateChannel } from "@/lib/notifications";
import { ChannelInput, IdParam } from "@/lib/notifications/schemas";

// PUT /api/notifications/channels/[id] (notifications:channels) — rename, retarget, enable or disable a channel
export const PUT = route(
  { permission: "notifications:channels", params: IdParam, body: ChannelInput, audit: "notifications.channel.update" },
  async ({ params, body, audit }) => updateChannel(audit, params.id, body),
);

// DELETE /api/notifications/channels/[id] (notifications:channels) — refused while a rule still sends to it
export const DELETE = route(
  { permission: "notifications:channels", params: IdParam, audit: "notifications.channel.delete" },
  async ({ params, audit }) => deleteChannel(audit, params.id),
);
