// Hand-written validation of the alert PATCH / batchUpdate bodies ("Update alert", "Batch update alerts"). Keys are
// case-sensitive (defender-endpoint/api/common-errors): an unknown key such as `Status` is InvalidRequestBody.
import { ApiError } from "../http/errors";
import type { AlertChanges } from "../tenant/alert-updates";

const STATUSES = ["New", "InProgress", "Resolved"];
const CLASSIFICATIONS = ["TruePositive", "InformationalExpectedActivity", "FalsePositive"];

/** "Alert resource type" and "Update alert" spell these determinations differently; both are accepted,
 *  GET returns the former. */
const DETERMINATION_SPELLINGS: Record<string, string> = {
  MultiStagedAttack: "MultiStagedAttack",
  MaliciousUserActivity: "MaliciousUserActivity",
  CompromisedUser: "CompromisedUser",
  CompromisedAccount: "CompromisedUser",
  Malware: "Malware",
  Phishing: "Phishing",
  UnwantedSoftware: "UnwantedSoftware",
  Other: "Other",
  SecurityTesting: "SecurityTesting",
  LineOfBusinessApplication: "LineOfBusinessApplication",
  ConfirmedUserActivity: "ConfirmedUserActivity",
  ConfirmedActivity: "ConfirmedUserActivity",
  Clean: "Clean",
  NotMalicious: "Clean",
  InsufficientData: "InsufficientData",
  NoEnoughDataToValidate: "InsufficientData",
  NotEnoughDataToValidate: "InsufficientData",
};

function enumValue(key: string, value: unknown, allowed: readonly string[]): string {
  if (typeof value !== "string") throw new ApiError(400, "InvalidInput", `Invalid input ${key}: expected a string.`);
  // JSON enum binding in ASP.NET is case-insensitive.
  const match = allowed.find((a) => a.toLowerCase() === value.toLowerCase());
  if (!match)
    throw new ApiError(400, "InvalidInput", `Invalid input ${key}: '${value}' is not one of ${allowed.join(", ")}.`);
  return match;
}

export function normalizeDetermination(value: unknown, extra: Record<string, string> = {}): string {
  const table = { ...DETERMINATION_SPELLINGS, ...extra };
  const key = enumValue("determination", value, Object.keys(table));
  return table[key]!;
}

export function parseAlertChanges(body: Record<string, unknown>, extraKeys: readonly string[] = []): AlertChanges {
  const allowed = ["status", "assignedTo", "classification", "determination", "comment", ...extraKeys];
  for (const key of Object.keys(body)) {
    if (!allowed.includes(key))
      throw new ApiError(
        400,
        "InvalidRequestBody",
        `Invalid request body. Unknown property '${key}' (property names are case-sensitive).`,
      );
  }
  const changes: AlertChanges = {};
  if (body.status !== undefined) changes.status = enumValue("status", body.status, STATUSES);
  if (body.assignedTo !== undefined) {
    if (body.assignedTo !== null && typeof body.assignedTo !== "string")
      throw new ApiError(400, "InvalidInput", "Invalid input assignedTo: expected a string.");
    changes.assignedTo = body.assignedTo as string | null;
  }
  if (body.classification !== undefined) {
    changes.classification =
      body.classification === null ? null : enumValue("classification", body.classification, CLASSIFICATIONS);
  }
  if (body.determination !== undefined) {
    changes.determination = body.determination === null ? null : normalizeDetermination(body.determination);
  }
  if (body.comment !== undefined) {
    if (typeof body.comment !== "string" || body.comment.trim() === "")
      throw new ApiError(400, "InvalidInput", "Invalid input comment: expected a non-empty string.");
    changes.comment = body.comment;
  }
  if (Object.keys(changes).length === 0)
    throw new ApiError(400, "InvalidRequestBody", "Invalid request body. No updatable property was provided.");
  return changes;
}
