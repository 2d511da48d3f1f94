import { describe, expect, it } from "vitest";
import { signBody, verifySignature } from "./signature";
import { adaptiveCard } from "./channels/teams";
import { webhookBody } from "./channels/webhook";

const message = {
  deliveryId: "evt-1",
  subject: "[SOC] High alert: x",
  items: [
    {
      eventId: "evt-1",
      type: "alert.created",
      title: "High alert: x",
      summary: "ws-1",
      url: "https://soc/alerts/1",
      occurredAt: "2026-12-06T00:00:00.000Z",
    },
  ],
  extraRecipients: [],
};

describe("webhook signature", () => {
  const body = webhookBody(message);
  it("verifies a body signed with the channel's key and timestamp", () => {
    const ts = 1_800_000_000;
    expect(verifySignature("k", { signature: signBody("k", ts, body), timestamp: String(ts) }, body, ts)).toBe(true);
  });
  it("rejects another key, a changed body, and an old timestamp (replay)", () => {
    const ts = 1_800_000_000;
    const sig = signBody("k", ts, body);
    expect(verifySignature("other", { signature: sig, timestamp: String(ts) }, body, ts)).toBe(false);
    expect(verifySignature("k", { signature: sig, timestamp: String(ts) }, body.replace("x", "y"), ts)).toBe(false);
    expect(verifySignature("k", { signature: sig, timestamp: String(ts) }, body, ts + 301)).toBe(false);
  });
  it("matches the documented recipe: hex HMAC-SHA256 of `timestamp.body`, prefixed v1=", async () => {
    const { createHmac } = await import("node:crypto");
    expect(signBody("k", 1, "{}")).toBe(`v1=${createHmac("sha256", "k").update("1.{}").digest("hex")}`);
  });
});

describe("Teams Adaptive Card", () => {
  it("is a message with one Adaptive Card attachment linking to the console", () => {
    const card = adaptiveCard(message);
    expect(card.type).toBe("message");
    expect(card.attachments[0].contentType).toBe("application/vnd.microsoft.card.adaptive");
    expect(card.attachments[0].content.type).toBe("AdaptiveCard");
    expect(card.attachments[0].content.actions[0]).toMatchObject({
      type: "Action.OpenUrl",
      url: "https://soc/alerts/1",
    });
  });
});
