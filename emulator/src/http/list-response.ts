// One page of a collection in the MDE or Graph envelope, with nextLink, $count path segment,
// Graph $select/$count, and the malformed-record / nextLink-loop faults.
import type { RequestContext } from "./context";
import { ODataQueryError } from "./errors";
import { sendBody, ODATA_CONTENT_TYPE } from "./respond";
import type { Faults } from "../faults";
import {
  pageBounds,
  parseListQuery,
  select,
  type CollectionSource,
  type ListQuery,
  type ListRules,
  type SelectionCache,
} from "../odata/collection";

export interface ListEnv {
  faults: Faults;
  cache: SelectionCache;
}

export interface ListRequest<T> {
  source: CollectionSource<T>;
  rules: ListRules<T>;
  /** `@odata.context`, e.g. `{base}/api/$metadata#Alerts`. */
  contextUrl: string;
  serialize: (item: T, q: ListQuery) => Record<string, unknown>;
  /** Optional fast path: the same record as JSON text, used when no $select applies. */
  serializeText?: (item: T) => string;
  /** The record's key, removed or mistyped by the malformed-record fault. */
  keyField: string;
  /** A required timestamp the malformed-record fault may garble. */
  timeField?: string;
  style: "mde" | "graph";
}

export function encodeSkipToken(skip: number): string {
  return Buffer.from(JSON.stringify({ s: skip, v: 1 })).toString("base64url");
}

export function decodeSkipToken(token: string): number {
  try {
    const parsed = JSON.parse(Buffer.from(token, "base64url").toString("utf8")) as { s?: unknown };
    if (typeof parsed.s === "number" && Number.isInteger(parsed.s) && parsed.s >= 0) return parsed.s;
  } catch {
    // fall through
  }
  throw new ODataQueryError("The $skiptoken value is invalid.");
}

function otherParams(ctx: RequestContext, drop: readonly string[]): string {
  const parts: string[] = [];
  for (const [k, v] of ctx.query) {
    if (drop.includes(k)) continue;
    parts.push(`${k.startsWith("$") ? k : encodeURIComponent(k)}=${encodeURIComponent(v)}`);
  }
  return parts.length ? `&${parts.join("&")}` : "";
}

function malform(
  record: Record<string, unknown>,
  variant: number,
  keyField: string,
  timeField: string | undefined,
): void {
  if (variant === 2 && timeField && timeField in record) {
    record[timeField] = "not-a-date";
  } else if (variant === 1) {
    const v = record[keyField];
    record[keyField] = typeof v === "number" ? String(v) + "x" : 12345;
  } else {
    delete record[keyField];
  }
}

function applySelect(record: Record<string, unknown>, fields: string[], entityName: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const keys = Object.keys(record);
  for (const f of fields) {
    const key = keys.find((k) => k.toLowerCase() === f.toLowerCase());
    if (!key) throw new ODataQueryError(`Could not find a property named '${f}' on type '${entityName}'.`);
    out[key] = record[key];
  }
  return out;
}

export async function respondList<T>(
  ctx: RequestContext & { countOnly?: boolean },
  env: ListEnv,
  req: ListRequest<T>,
): Promise<void> {
  const { rules, source } = req;
  const q = parseListQuery(ctx.query, rules, req.style === "graph" ? decodeSkipToken : undefined);
  const selection = select(source, rules, q, env.cache);
  if (ctx.countOnly) {
    // `/…/$count` answers a bare number (as "OData queries with Microsoft Defender for Endpoint" shows).
    return sendBody(ctx, 200, String(selection.total), "text/plain; charset=utf-8");
  }
  const { start, end, pageSize } = pageBounds(q, rules as ListRules<unknown>, selection.total);
  const bad = env.faults.malformedIndex(end - start);
  const records: string[] = [];
  for (let pos = start; pos < end; pos++) {
    const item = source.at(selection.indices ? selection.indices[pos]! : pos);
    if (req.serializeText && !q.select && pos - start !== bad) {
      records.push(req.serializeText(item));
      continue;
    }
    let record = req.serialize(item, q);
    if (q.select) record = applySelect(record, q.select, rules.entity.entityName);
    if (pos - start === bad) malform(record, env.faults.malformVariant(), req.keyField, req.timeField);
    records.push(JSON.stringify(record));
  }

  let nextLink: string | null = null;
  if (end < selection.total && pageSize > 0) {
    // nextLinkLoop fault: every page after the first links back to the previous one.
    const nextSkip = env.faults.nextLinkLoop && start > 0 ? Math.max(0, start - pageSize) : end;
    const base = `${ctx.baseUrl}${ctx.url.pathname}`;
    if (req.style === "mde") {
      nextLink = `${base}?$top=${pageSize}&$skip=${nextSkip}${otherParams(ctx, ["$top", "$skip"])}`;
    } else {
      const rest = otherParams(ctx, ["$skip", "$skiptoken"]);
      nextLink = `${base}?${rest.slice(1)}${rest ? "&" : ""}$skiptoken=${encodeSkipToken(nextSkip)}`;
    }
  }

  // Assembled by hand so a 10,000-record page is one join, not a nested stringify of a wrapper.
  const head: string[] = [`"@odata.context":${JSON.stringify(req.contextUrl)}`];
  if (req.style === "graph") {
    if (q.count) head.push(`"@odata.count":${selection.total}`);
    if (nextLink) head.push(`"@odata.nextLink":${JSON.stringify(nextLink)}`);
  }
  let body = `{${head.join(",")},"value":[${records.join(",")}]`;
  if (req.style === "mde" && nextLink) body += `,"@odata.nextLink":${JSON.stringify(nextLink)}`;
  body += "}";
  await sendBody(ctx, 200, body, ODATA_CONTENT_TYPE);
}
