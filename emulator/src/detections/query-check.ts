// What a custom detection rule's query must satisfy before it is saved ("Create custom detection rules", Required
// columns in the query results; "Continuous (NRT) frequency"): it binds, it returns the event-identifying columns of its
// source table's family and at least one impacted-asset identifier, and a continuous rule reads a single supported
// table without joins or unions. The query is bound by the hunting engine, so the output columns are Kusto's own.
import { bindQuery } from "../hunting/engine";
import { nodeClass, symbolClass, tableColumns } from "../hunting/kusto";

/** Columns every result row needs so the service can match it to a single event, per table family. */
export function requiredColumnsFor(table: string): string[] {
  if (table.startsWith("Device")) return ["Timestamp", "DeviceId", "ReportId"];
  if (table.startsWith("Alert")) return ["Timestamp"];
  if (table.startsWith("Observation")) return ["Timestamp", "ObservationId"];
  return ["Timestamp", "ReportId"];
}

/** "At least one column that identifies an impacted asset" — the strong identifiers the page lists. */
export const ASSET_IDENTIFIER_COLUMNS = [
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

/** Tables a continuous (NRT) rule may read ("Continuous (NRT) frequency", supported tables). */
const NRT_TABLES = new Set([
  "AlertEvidence",
  "CloudAppEvents",
  "DeviceEvents",
  "DeviceFileCertificateInfo",
  "DeviceFileEvents",
  "DeviceImageLoadEvents",
  "DeviceLogonEvents",
  "DeviceNetworkEvents",
  "DeviceNetworkInfo",
  "DeviceInfo",
  "DeviceProcessEvents",
  "DeviceRegistryEvents",
  "EmailAttachmentInfo",
  "EmailEvents",
  "EmailPostDeliveryEvents",
  "EmailUrlInfo",
  "IdentityDirectoryEvents",
  "IdentityLogonEvents",
  "IdentityQueryEvents",
  "UrlClickEvents",
]);

export interface CheckedQuery {
  /** Output columns as the binder computed them. */
  columns: string[];
  /** Stored tables the query reads, in source order; the first is the one the required columns follow. */
  tables: string[];
}

export type QueryCheck = { ok: true; query: CheckedQuery } | { ok: false; message: string };

export function checkDetectionQuery(queryText: string, continuous: boolean): QueryCheck {
  const { code, error } = bindQuery(queryText);
  if (error) return { ok: false, message: error };
  const tables: string[] = [];
  let joinsOrUnions = false;
  code.Syntax.WalkElements((el: { ReferencedSymbol?: unknown; TextStart: number }) => {
    const symbol = el.ReferencedSymbol as { Name: string } | null | undefined;
    if (symbol && symbolClass(symbol) === "TableSymbol" && !tables.includes(String(symbol.Name)))
      tables.push(String(symbol.Name));
    const kind = nodeClass(el);
    if (kind === "JoinOperator" || kind === "UnionOperator" || kind === "LookupOperator") joinsOrUnions = true;
  });
  const columns = tableColumns(code).map((c) => c.name);
  if (tables.length === 0) return { ok: false, message: "The query must read at least one advanced hunting table." };
  const primary = tables[0]!;
  const missing = requiredColumnsFor(primary).filter((c) => !columns.includes(c));
  if (missing.length)
    return {
      ok: false,
      message: `The query results are missing the required column${missing.length > 1 ? "s" : ""} ${missing.join(", ")}. Queries over ${primary} must return ${requiredColumnsFor(primary).join(", ")} so each result can be matched to its event.`,
    };
  if (!columns.some((c) => ASSET_IDENTIFIER_COLUMNS.includes(c)))
    return {
      ok: false,
      message: `The query results must include at least one impacted asset identifier column (${ASSET_IDENTIFIER_COLUMNS.join(", ")}).`,
    };
  if (continuous) {
    if (tables.length > 1 || joinsOrUnions)
      return { ok: false, message: "A continuous (NRT) rule must query a single table, without joins or unions." };
    if (!NRT_TABLES.has(primary))
      return { ok: false, message: `Table ${primary} is not supported by continuous (NRT) rules.` };
  }
  return { ok: true, query: { columns, tables } };
}
