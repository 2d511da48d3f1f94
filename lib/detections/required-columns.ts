// Which columns a custom detection query must return, checked in the rule form before anything is sent
// (learn.microsoft.com/defender-xdr/custom-detection-rules, "Required columns in the query results"): the columns that
// identify the event, by the family of the query's source table, and at least one column naming an impacted asset.
// Zod-free and pure, so the browser can run it on the editor's parse of the query.

export type TableFamily = "device" | "alert" | "observation" | "other";

export function tableFamily(table: string): TableFamily {
  if (table.startsWith("Device")) return "device";
  if (table.startsWith("Alert")) return "alert";
  if (table.startsWith("Observation")) return "observation";
  return "other";
}

/** Defender for Endpoint tables need the event's Timestamp, DeviceId and ReportId; Alert* tables only Timestamp. */
const EVENT_COLUMNS: Record<TableFamily, readonly string[]> = {
  device: ["Timestamp", "DeviceId", "ReportId"],
  alert: ["Timestamp"],
  observation: ["Timestamp", "ObservationId"],
  other: ["Timestamp", "ReportId"],
};

/** "Strong identifiers" of an impacted device, mailbox or user; a rule needs at least one in its results. */
export const ASSET_IDENTIFIER_COLUMNS: readonly string[] = [
  "DeviceId",
  "DeviceName",
  "RemoteDeviceName",
  "RecipientEmailAddress",
  "SenderFromAddress",
  "SenderMailFromAddress",
  "SenderObjectId",
  "RecipientObjectId",
  "AccountObjectId",
  "AccountSid",
  "AccountUpn",
  "InitiatingProcessAccountSid",
  "InitiatingProcessAccountUpn",
  "InitiatingProcessAccountObjectId",
];

export function requiredEventColumns(table: string): readonly string[] {
  return EVENT_COLUMNS[tableFamily(table)];
}

export interface RequiredColumnsCheck {
  /** Event columns the results lack, in the order Microsoft lists them. */
  missing: string[];
  /** False when no result column identifies an impacted asset. */
  hasAssetIdentifier: boolean;
  /** A sentence for the form, or null when the query is fine. */
  message: string | null;
}

const list = (names: readonly string[]) =>
  names.length <= 1 ? names.join("") : `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]}`;

/**
 * Checks a query's output columns against what its source table requires. Column names compare exactly, as Kusto's
 * do. `sourceTable` is the table the query starts from.
 */
export function checkRequiredColumns(outputColumns: readonly string[], sourceTable: string): RequiredColumnsCheck {
  const have = new Set(outputColumns);
  const required = requiredEventColumns(sourceTable);
  const missing = required.filter((c) => !have.has(c));
  const hasAssetIdentifier = outputColumns.some((c) => ASSET_IDENTIFIER_COLUMNS.includes(c));
  const problems: string[] = [];
  if (missing.length)
    problems.push(
      `The results lack ${list(missing)}: queries over ${sourceTable} must return ${list(required)} so each alert can be tied to its event.`,
    );
  if (!hasAssetIdentifier)
    problems.push(
      "The results need a column naming the impacted asset, such as DeviceId, DeviceName, AccountSid or AccountUpn.",
    );
  return { missing, hasAssetIdentifier, message: problems.length ? problems.join(" ") : null };
}
