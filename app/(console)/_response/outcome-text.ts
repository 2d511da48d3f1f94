import type { Outcome } from "@/components/ui/outcome-banner";
import { ACTION_LABELS, type ActionType } from "@/lib/actions/schemas";
import { label as labelOf } from "@/lib/labels";

// The notice under the response buttons follows the action it reports: it is worded from the action's status as
// the panel now shows it, so it never says "Sending" or "Pending" next to a card that says Succeeded.

export interface TrackedOutcome {
  actionId: string;
  type: string;
  /** What the person did: requested the action (or re-submitted the same dialog), or cancelled it. */
  kind: "request" | "replay" | "cancel";
}

export function outcomeText(o: TrackedOutcome, status: string): Outcome {
  const label = ACTION_LABELS[o.type as ActionType] ?? o.type;
  if (o.kind === "replay")
    return {
      ok: true,
      text: `${label} was already requested from this dialog; showing that request (${labelOf("actionStatus", status)}).`,
    };
  if (o.kind === "cancel") return { ok: true, text: `${label}: ${labelOf("actionStatus", status)}.` };
  switch (status) {
    case "AwaitingApproval":
      return {
        ok: true,
        text: `${label} requested: awaiting approval by a Manager or Admin. Nothing is sent to Defender before that.`,
      };
    case "Queued":
    case "Sending":
      return { ok: true, text: `${label} is being sent to Defender.` };
    case "Failed":
    case "TimeOut":
      return {
        ok: false,
        text: `${label} sent to Defender, which reports it ${status === "TimeOut" ? "timed out" : "failed"}.`,
      };
    case "SendFailed":
      return { ok: false, text: `${label} could not be sent to Defender (see the action below).` };
    case "Rejected":
      return { ok: false, text: `${label} was rejected by the approver (see the action below).` };
    default:
      return { ok: true, text: `${label} sent to Defender: ${labelOf("actionStatus", status)}.` };
  }
}
