import type { OutgoingMessage } from "../message";
import type { ChannelKind } from "../schemas";
import { sendEmail } from "./email";
import { sendTeams } from "./teams";
import { sendWebhook } from "./webhook";

export { DeliveryError } from "./errors";
export { maskUrl } from "./teams";
export { resetSmtpTransport } from "./email";

export interface ChannelRecord {
  id: string;
  name: string;
  kind: string;
  target: string;
  secret: string | null;
}

/** Sends one message through one channel; throws DeliveryError (retryable or not). */
export function sendThrough(channel: ChannelRecord, m: OutgoingMessage): Promise<void> {
  switch (channel.kind as ChannelKind) {
    case "email":
      return sendEmail(channel.target, m);
    case "teams":
      return sendTeams(channel.target, m);
    case "webhook":
      return sendWebhook(channel.target, channel.secret, m);
  }
}
