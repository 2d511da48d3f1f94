import { z } from "zod";
import { multi, single, viewToSearch } from "../http/query-params";

// Client-safe: indicator types, the four actions the console offers, value checks by type, the create body, the
// list's URL filter, its rows and the CSV import format ("Indicator resource type",
// learn.microsoft.com/defender-endpoint/api/ti-indicator; "Overview of indicators",
// learn.microsoft.com/defender-endpoint/indicators-overview).

export const INDICATOR_TYPES = [
  "FileSha256",
  "FileSha1",
  "FileMd5",
  "DomainName",
  "IpAddress",
  "Url",
  "CertificateThumbprint",
] as const;
export type IndicatorType = (typeof INDICATOR_TYPES)[number];

export const INDICATOR_SEVERITIES = ["Informational", "Low", "Medium", "High"] as const;

/** The 15,000 indicators a tenant may hold ("Increases to this limit are not supported"). */
export const INDICATOR_CAP = 15_000;
/** Indicators per import call ("Import Indicators API"). */
export const INDICATORS_PER_IMPORT_CALL = 500;
/** Rows one CSV upload may hold (30 import calls: Defender's per-minute limit). */
export const MAX_IMPORT_ROWS = 15_000;

/**
 * What a person picks. Defender retired the API actions Alert and AlertAndBlock (the resource page: "will be
 * supported until January 2022"), so the console sends today's equivalents: an alerting Audit, and a Block that
 * also raises an alert. Allow is the API's `Allowed`.
 */
export const CONSOLE_ACTIONS = ["Block", "AlertAndBlock", "Alert", "Allow"] as const;
export type ConsoleAction = (typeof CONSOLE_ACTIONS)[number];

export const CONSOLE_ACTION_LABELS: Record<ConsoleAction, string> = {
  Block: "Block",
  AlertAndBlock: "Alert and block",
  Alert: "Alert only",
  Allow: "Allow",
};

export function toApiAction(action: ConsoleAction): { action: "Block" | "Audit" | "Allowed"; generateAlert: boolean } {
  switch (action) {
    case "Block":
      return { action: "Block", generateAlert: false };
    case "AlertAndBlock":
      return { action: "Block", generateAlert: true };
    case "Alert":
      return { action: "Audit", generateAlert: true };
    case "Allow":
      return { action: "Allowed", generateAlert: false };
  }
}

/** The console's action for an indicator as Defender holds it (the retired values read as themselves). */
export function consoleActionOf(action: string, generateAlert: boolean | null): string {
  if (action === "Block") return generateAlert ? "AlertAndBlock" : "Block";
  if (action === "Audit") return "Alert";
  if (action === "Allowed") return "Allow";
  return action;
}

/** Certificates take only Allow and Block-and-remediate, which the console does not offer: Allow only. */
export function actionsFor(type: IndicatorType): readonly ConsoleAction[] {
  return type === "CertificateThumbprint" ? ["Allow"] : CONSOLE_ACTIONS;
}

const HEX: Partial<Record<IndicatorType, number>> = {
  FileSha1: 40,
  FileSha256: 64,
  FileMd5: 32,
  CertificateThumbprint: 40,
};

const ipv4 = (v: string) => {
  const parts = v.split(".");
  return parts.length === 4 && parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255);
};
/** All 8 segments: Defender takes no CIDR, ranges, wildcards or `::` shorthand ("Indicator resource type"). */
const ipv6 = (v: string) => {
  const parts = v.split(":");
  return parts.length === 8 && parts.every((p) => /^[0-9a-f]{1,4}$/i.test(p));
};
const domain = (v: string) => v.length <= 253 && /^(?!-)[a-z0-9-]{1,63}(?<!-)(\.(?!-)[a-z0-9-]{1,63}(?<!-))+$/i.test(v);

/** Why `value` is not a valid indicator of `type`, or null when it is. */
export function indicatorValueProblem(type: IndicatorType, value: string): string | null {
  const v = value.trim();
  if (!v) return "Enter a value.";
  const hex = HEX[type];
  if (hex !== undefined)
    return new RegExp(`^[0-9a-f]{${hex}}$`, "i").test(v) ? null : `A ${hex}-character hexadecimal hash is expected.`;
  if (type === "IpAddress") {
    if (v.includes("/")) return "Ranges (CIDR) are not supported: one address per indicator.";
    return ipv4(v) || ipv6(v) ? null : "An IPv4 address (1.2.3.4) or a full IPv6 address (all 8 groups) is expected.";
  }
  if (type === "DomainName")
    return domain(v) ? null : "A domain name such as contoso.com is expected (it covers its subdomains).";
  try {
    const url = new URL(/^https?:\/\//i.test(v) ? v : `http://${v}`);
    return domain(url.hostname) || ipv4(url.hostname) ? null : "A URL such as https://contoso.com/path is expected.";
  } catch {
    return "A URL such as https://contoso.com/path is expected.";
  }
}

/** The type a value looks like (for a pasted or evidence value); null when none fits. */
export function guessIndicatorType(value: string): IndicatorType | null {
  const v = value.trim();
  if (/^[0-9a-f]{64}$/i.test(v)) return "FileSha256";
  if (/^[0-9a-f]{40}$/i.test(v)) return "FileSha1";
  if (/^[0-9a-f]{32}$/i.test(v)) return "FileMd5";
  if (ipv4(v) || ipv6(v)) return "IpAddress";
  if (domain(v)) return "DomainName";
  if (!indicatorValueProblem("Url", v)) return "Url";
  return null;
}

/** The create body: what a person fills in (the dialog and each CSV row). */
export const IndicatorCreate = z
  .object({
    indicatorType: z.enum(INDICATOR_TYPES),
    indicatorValue: z.string().trim().min(1).max(2000),
    action: z.enum(CONSOLE_ACTIONS),
    severity: z.enum(INDICATOR_SEVERITIES).default("Medium"),
    title: z.string().trim().min(1, "a title is required").max(300),
    description: z.string().trim().min(1, "a description is required").max(4000),
    /** Expiry (ISO date or date-time); none = never expires. */
    expiresAt: z
      .string()
      .trim()
      .max(40)
      .refine((v) => !Number.isNaN(Date.parse(v)), "a date")
      .optional(),
    recommendedActions: z.string().trim().max(4000).optional(),
  })
  .strict()
  .superRefine((v, ctx) => {
    const problem = indicatorValueProblem(v.indicatorType, v.indicatorValue);
    if (problem) ctx.addIssue({ code: "custom", path: ["indicatorValue"], message: problem });
    if (!actionsFor(v.indicatorType).includes(v.action))
      ctx.addIssue({ code: "custom", path: ["action"], message: `not available for ${v.indicatorType}` });
    if (v.expiresAt && Date.parse(v.expiresAt) <= Date.now())
      ctx.addIssue({ code: "custom", path: ["expiresAt"], message: "the expiry must be in the future" });
  });
export type IndicatorCreate = z.infer<typeof IndicatorCreate>;

export const IndicatorImportBody = z.object({ csv: z.string().min(1, "the file is empty").max(5_000_000) }).strict();

export const IndicatorDeleteBody = z
  .object({ ids: z.array(z.string().min(1).max(100)).min(1).max(MAX_IMPORT_ROWS) })
  .strict();

export const EXPIRED_FILTER = ["yes", "no"] as const;

export const IndicatorFilter = z.object({
  type: multi(z.enum(INDICATOR_TYPES), INDICATOR_TYPES.length),
  action: multi(z.string().max(40), 10),
  severity: multi(z.enum(INDICATOR_SEVERITIES), 4),
  expired: single(z.enum(EXPIRED_FILTER).optional()),
  /** Value or title (substring). */
  q: single(z.string().trim().max(200).optional()),
});
export type IndicatorFilter = z.infer<typeof IndicatorFilter>;

export const IndicatorQuery = IndicatorFilter.extend({
  cursor: single(z.string().max(500).optional()),
  limit: single(z.coerce.number().int().min(1).max(200).default(50)),
}).strict();

export function indicatorFilterToSearch(filter: Partial<IndicatorFilter>): URLSearchParams {
  return viewToSearch(filter, ["type", "action", "severity", "expired", "q"]);
}

export interface IndicatorView {
  id: string;
  indicatorType: string;
  indicatorValue: string;
  /** Defender's action. */
  action: string;
  /** The console's words for it (Block, Alert and block, Alert only, Allow, or Defender's own). */
  consoleAction: string;
  severity: string | null;
  title: string | null;
  description: string | null;
  expirationTime: string | null;
  expired: boolean;
  createdAt: string | null;
  createdBy: string | null;
  source: string | null;
}

export interface IndicatorPage {
  data: IndicatorView[];
  nextCursor: string | null;
}

export interface IndicatorMeter {
  total: number;
  cap: number;
}

/** One CSV row's outcome: sent and accepted, refused by Defender, or not sent (invalid here, or an earlier call failed). */
export interface ImportRowResult {
  /** 1-based line in the file (the header is line 1). */
  line: number;
  indicatorValue: string;
  outcome: "imported" | "failed" | "invalid" | "not_sent";
  id: string | null;
  reason: string | null;
}

export interface ImportReport {
  rows: ImportRowResult[];
  imported: number;
  failed: number;
  /** Import calls made to Defender (500 rows each at most). */
  calls: number;
  /** Set when a call failed part-way: the rows from there on were not sent. */
  error: string | null;
}

/** The CSV columns, in the order the template lists them; only the first five are required. */
export const CSV_COLUMNS = [
  "indicatorType",
  "indicatorValue",
  "action",
  "title",
  "description",
  "severity",
  "expiresAt",
] as const;

/** RFC 4180 fields: quotes, doubled quotes inside, commas and line breaks within quotes. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  const src = text.replace(/^\uFEFF/, "");
  const endRow = () => {
    row.push(field);
    rows.push(row);
    row = [];
    field = "";
  };
  for (let i = 0; i < src.length; i++) {
    const c = src[i]!;
    if (quoted) {
      if (c === '"' && src[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      row.push(field);
      field = "";
    } else if (c === "\n" || c === "\r") {
      if (c === "\r" && src[i + 1] === "\n") i++;
      endRow();
    } else field += c;
  }
  if (field !== "" || row.length) endRow();
  return rows.filter((r) => r.some((f) => f.trim() !== ""));
}

export type CsvRow = { line: number; value: string } & (
  { ok: true; input: IndicatorCreate } | { ok: false; reason: string }
);

/** Reads an import file: a header naming at least the required columns, then one indicator per line. */
export function readIndicatorCsv(text: string): { rows: CsvRow[]; error: string | null } {
  const [header, ...body] = parseCsv(text);
  if (!header) return { rows: [], error: "The file is empty." };
  const names = header.map((h) => h.trim());
  const missing = CSV_COLUMNS.slice(0, 5).filter((c) => !names.includes(c));
  if (missing.length) return { rows: [], error: `The header lacks the column(s) ${missing.join(", ")}.` };
  if (body.length > MAX_IMPORT_ROWS)
    return { rows: [], error: `The file has ${body.length} rows; at most ${MAX_IMPORT_ROWS} are imported at once.` };
  const rows = body.map((fields, i): CsvRow => {
    const record: Record<string, string> = {};
    names.forEach((n, j) => {
      const v = fields[j]?.trim();
      if (v && (CSV_COLUMNS as readonly string[]).includes(n)) record[n] = v;
    });
    const line = i + 2;
    const value = record.indicatorValue ?? "";
    const parsed = IndicatorCreate.safeParse(record);
    if (parsed.success) return { line, value, ok: true, input: parsed.data };
    const reason = parsed.error.issues.map((x) => `${x.path.join(".") || "row"}: ${x.message}`).join("; ");
    return { line, value, ok: false, reason };
  });
  return { rows, error: null };
}

/** An alert's evidence as the values an indicator can block: file hashes, IP addresses, domains and URLs. */
export function indicatorChoicesFromEvidence(
  evidence: readonly {
    entityType: string;
    fileName: string | null;
    sha1: string | null;
    sha256: string | null;
    ipAddress: string | null;
    url: string | null;
  }[],
): { type: IndicatorType; value: string; note: string }[] {
  const out = new Map<string, { type: IndicatorType; value: string; note: string }>();
  const add = (type: IndicatorType | null, value: string | null, note: string) => {
    if (!type || !value || indicatorValueProblem(type, value)) return;
    const key = `${type}:${value.toLowerCase()}`;
    if (!out.has(key)) out.set(key, { type, value, note });
  };
  for (const e of evidence) {
    const file = e.fileName ? `file ${e.fileName}` : `${e.entityType.toLowerCase()} evidence`;
    add("FileSha256", e.sha256, file);
    add("FileSha1", e.sha1, file);
    add("IpAddress", e.ipAddress, "IP address in the evidence");
    if (e.url) {
      const type = guessIndicatorType(e.url);
      add(type === "DomainName" || type === "Url" ? type : null, e.url, "in the evidence");
    }
  }
  return [...out.values()];
}
