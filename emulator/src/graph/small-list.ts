// A Graph page over a short in-memory list (policies, connectors, licences) whose `$filter` is one documented form
// rather than the general grammar: `$top`, `$skiptoken`, `$select`, nextLink keeping the other parameters.
import type { RequestContext } from "../http/context";
import { ODataQueryError } from "../http/errors";
import { decodeSkipToken, encodeSkipToken } from "../http/list-response";
import { sendJson } from "../http/respond";

export interface SmallList<T> {
  items: readonly T[];
  contextUrl: string;
  entityName: string;
  serialize: (item: T) => Record<string, unknown>;
  pageSize: number;
  /** Accepted `$filter` forms → predicate; absent = `$filter` is refused. */
  filter?: (text: string) => ((item: T) => boolean) | null;
}

export function respondSmallList<T>(ctx: RequestContext, list: SmallList<T>): Promise<void> {
  for (const key of ctx.query.keys())
    if (key.startsWith("$") && !["$top", "$skiptoken", "$select", "$filter"].includes(key))
      throw new ODataQueryError(`The query parameter '${key}' is not supported.`);
  let items = list.items;
  const filterText = ctx.query.get("$filter");
  if (filterText !== null) {
    const predicate = list.filter?.(filterText) ?? null;
    if (!predicate) throw new ODataQueryError(`Invalid filter clause: '${filterText}' is not supported.`);
    items = items.filter(predicate);
  }
  const topText = ctx.query.get("$top");
  if (topText !== null && !/^\d+$/.test(topText))
    throw new ODataQueryError(`Invalid value '${topText}' for $top query option found.`);
  const pageSize = topText === null ? list.pageSize : Number(topText);
  const token = ctx.query.get("$skiptoken");
  const start = token === null ? 0 : Math.min(decodeSkipToken(token), items.length);
  const end = Math.min(items.length, start + pageSize);
  const select = ctx.query
    .get("$select")
    ?.split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  const value = items.slice(start, end).map((item) => {
    const record = list.serialize(item);
    if (!select) return record;
    const out: Record<string, unknown> = {};
    for (const f of select) {
      const key = Object.keys(record).find((k) => k.toLowerCase() === f.toLowerCase());
      if (!key) throw new ODataQueryError(`Could not find a property named '${f}' on type '${list.entityName}'.`);
      out[key] = record[key];
    }
    return out;
  });
  const body: Record<string, unknown> = { "@odata.context": list.contextUrl };
  if (end < items.length && pageSize > 0) {
    const rest = [...ctx.query].filter(([k]) => k !== "$skiptoken").map(([k, v]) => `${k}=${encodeURIComponent(v)}`);
    body["@odata.nextLink"] =
      `${ctx.baseUrl}${ctx.url.pathname}?${[...rest, `$skiptoken=${encodeSkipToken(end)}`].join("&")}`;
  }
  body.value = value;
  return sendJson(ctx, 200, body);
}
