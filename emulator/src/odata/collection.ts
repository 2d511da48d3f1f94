// Evaluating an OData list request against an in-memory collection, one page at a time.
// The matching positions (filter + order) are cached per query and data version, so paging
// through 200,000 alerts costs one filter pass, then a slice per page; only the page's records
// are turned into JSON.
import { ODataQueryError } from "../http/errors";
import { compileFilter, compileOrderBy, type Comparator, type EntityFields } from "./fields";

export interface CollectionSource<T> {
  /** Cache namespace, e.g. "alerts". */
  name: string;
  size(): number;
  at(i: number): T;
  /** Bumps on every mutation; invalidates cached query results. */
  version(): number;
}

export interface ListRules<T> {
  entity: EntityFields<T>;
  maxTop: number;
  defaultPageSize: number;
  /** System query options accepted ($filter, $top, $skip, $orderby, $expand, $select, $count, $skiptoken). */
  options: readonly string[];
  expandable?: readonly string[];
  /** Default order; source order (insertion) when absent. */
  defaultOrder?: Comparator<T>;
}

export interface ListQuery {
  filter: string | null;
  orderby: string | null;
  top: number | null;
  skip: number;
  expand: Set<string>;
  select: string[] | null;
  count: boolean;
}

function parseNonNegativeInt(name: string, raw: string): number {
  if (!/^\d+$/.test(raw.trim()))
    throw new ODataQueryError(
      `Invalid value '${raw}' for ${name} query option found. The ${name} query option requires a non-negative integer value.`,
    );
  return Number(raw.trim());
}

export function parseListQuery<T>(
  query: URLSearchParams,
  rules: ListRules<T>,
  skipFromToken?: (token: string) => number,
): ListQuery {
  for (const key of query.keys()) {
    if (key.startsWith("$") && !rules.options.includes(key)) {
      throw new ODataQueryError(`The query parameter '${key}' is not supported.`);
    }
  }
  const q: ListQuery = {
    filter: null,
    orderby: null,
    top: null,
    skip: 0,
    expand: new Set(),
    select: null,
    count: false,
  };
  const filter = query.get("$filter");
  if (filter !== null) q.filter = filter;
  const orderby = query.get("$orderby");
  if (orderby !== null) q.orderby = orderby;
  const top = query.get("$top");
  if (top !== null) {
    q.top = parseNonNegativeInt("$top", top);
    if (q.top > rules.maxTop) {
      throw new ODataQueryError(
        `The limit of '${rules.maxTop}' for Top query has been exceeded. The value from the incoming request is '${q.top}'.`,
      );
    }
  }
  const skip = query.get("$skip");
  if (skip !== null) q.skip = parseNonNegativeInt("$skip", skip);
  const token = query.get("$skiptoken");
  if (token !== null && skipFromToken) q.skip = skipFromToken(token);
  const expand = query.get("$expand");
  if (expand !== null) {
    for (const e of expand
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean)) {
      const match = rules.expandable?.find((x) => x.toLowerCase() === e.toLowerCase());
      if (!match)
        throw new ODataQueryError(
          `Property '${e}' on type '${rules.entity.entityName}' is not a navigation property or complex property. Only navigation properties can be expanded.`,
        );
      q.expand.add(match);
    }
  }
  const select = query.get("$select");
  if (select !== null)
    q.select = select
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean);
  const count = query.get("$count");
  if (count !== null) {
    if (count !== "true" && count !== "false") throw new ODataQueryError(`'${count}' is not a valid count option.`);
    q.count = count === "true";
  }
  return q;
}

interface CachedSelection {
  version: number;
  indices: Uint32Array;
}

/** Small LRU of filter+order results keyed by query text. */
export class SelectionCache {
  private entries = new Map<string, CachedSelection>();
  constructor(private readonly capacity = 24) {}

  get(key: string, version: number): Uint32Array | null {
    const hit = this.entries.get(key);
    if (!hit || hit.version !== version) return null;
    this.entries.delete(key);
    this.entries.set(key, hit);
    return hit.indices;
  }

  set(key: string, version: number, indices: Uint32Array): void {
    this.entries.delete(key);
    this.entries.set(key, { version, indices });
    while (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!);
  }
}

export interface Selection {
  /** null = every item in source order. */
  indices: Uint32Array | null;
  total: number;
}

export function select<T>(
  source: CollectionSource<T>,
  rules: ListRules<T>,
  q: ListQuery,
  cache: SelectionCache,
): Selection {
  if (!q.filter && !q.orderby && !rules.defaultOrder) return { indices: null, total: source.size() };
  const key = `${source.name}|${q.filter ?? ""}|${q.orderby ?? ""}`;
  const version = source.version();
  const cached = cache.get(key, version);
  if (cached) return { indices: cached, total: cached.length };
  const predicate = q.filter ? compileFilter(q.filter, rules.entity) : null;
  const order = q.orderby ? compileOrderBy(q.orderby, rules.entity) : (rules.defaultOrder ?? null);
  const n = source.size();
  let indices = new Uint32Array(n);
  let count = 0;
  for (let i = 0; i < n; i++) {
    if (!predicate || predicate(source.at(i))) indices[count++] = i;
  }
  indices = indices.slice(0, count);
  if (order) {
    // Stable: ties keep source order.
    const sorted = Array.from(indices).sort((a, b) => order(source.at(a), source.at(b)) || a - b);
    indices = Uint32Array.from(sorted);
  }
  cache.set(key, version, indices);
  return { indices, total: indices.length };
}

export function pageBounds(
  q: ListQuery,
  rules: ListRules<unknown>,
  total: number,
): { start: number; end: number; pageSize: number } {
  const pageSize = q.top ?? rules.defaultPageSize;
  const start = Math.min(q.skip, total);
  const end = Math.min(total, start + pageSize);
  return { start, end, pageSize };
}
