import type { OutgoingMessage } from "../message";
import { DELIVERY_HEADER } from "../signature";
import { postJson } from "./http-post";

// Microsoft Teams through a Workflows webhook ("Create incoming webhooks with Workflows for Microsoft Teams",
// learn.microsoft.com/microsoftteams/platform/webhooks-and-connectors/how-to/add-incoming-webhook): the workflow
// "Post to a channel when a webhook request is received" takes a message whose attachment is an Adaptive Card
// ("Adaptive Card schema", adaptivecards.microsoft.com; Teams renders version 1.4 and below in webhooks). The URL
// carries its own signature (sig=…), so it is treated as a secret: masked on screen, never logged.

export function adaptiveCard(m: OutgoingMessage) {
  const body: object[] = [{ type: "TextBlock", text: m.subject, weight: "Bolder", size: "Medium", wrap: true }];
  for (const item of m.items.slice(0, 20)) {
    body.push(
      { type: "TextBlock", text: `[${item.title}](${item.url})`, wrap: true, separator: true },
      ...(item.summary ? [{ type: "TextBlock", text: item.summary, isSubtle: true, wrap: true, spacing: "None" }] : []),
    );
  }
  if (m.items.length > 20)
    body.push({ type: "TextBlock", text: `…and ${m.items.length - 20} more in the console.`, wrap: true });
  return {
    type: "message",
    attachments: [
      {
        contentType: "application/vnd.microsoft.card.adaptive",
        contentUrl: null,
        content: {
          $schema: "http://adaptivecards.io/schemas/adaptive-card.json",
          type: "AdaptiveCard",
          version: "1.4",
          body,
          actions: [{ type: "Action.OpenUrl", title: "Open in the SOC console", url: m.items[0]?.url }],
        },
      },
    ],
  };
}

export async function sendTeams(url: string, m: OutgoingMessage): Promise<void> {
  await postJson(url, JSON.stringify(adaptiveCard(m)), { [DELIVERY_HEADER]: m.deliveryId });
}

/** A Teams URL as the settings page shows it: the host and the start of the path, never the signature. */
export function maskUrl(raw: string): string {
  try {
    const url = new URL(raw);
    return `${url.protocol}//${url.host}${url.pathname.slice(0, 24)}…`;
  } catch {
    return "…";
  }
}
