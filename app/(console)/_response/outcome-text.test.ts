import { describe, expect, it } from "vitest";
import { outcomeText } from "./outcome-text";

describe("outcomeText", () => {
  it("words the notice from the status now: Pending, then Succeeded", () => {
    const isolate = { actionId: "a1", type: "Isolate", kind: "request" as const };
    expect(outcomeText(isolate, "Pending")).toEqual({ ok: true, text: "Isolate sent to Defender: Pending." });
    expect(outcomeText(isolate, "Succeeded")).toEqual({ ok: true, text: "Isolate sent to Defender: Succeeded." });
    expect(outcomeText(isolate, "Failed").ok).toBe(false);
    expect(outcomeText(isolate, "AwaitingApproval").text).toContain("awaiting approval");
  });

  it("a re-submitted dialog shows the first request's current status, not the one it had then", () => {
    const replay = { actionId: "a1", type: "RunAntiVirusScan", kind: "replay" as const };
    expect(outcomeText(replay, "Succeeded").text).toBe(
      "Antivirus scan was already requested from this dialog; showing that request (Succeeded).",
    );
  });
});
