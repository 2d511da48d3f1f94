import type { ZodType } from "zod";
import { logger } from "../log";
import { PagingError, type Provider } from "./errors";

// Walks an OData collection page by page (exposed-apis-odata-samples; learn.microsoft.com/graph/paging) and validates
// every record.
//
// - Follows `@odata.nextLink` (rebased onto the configured host, so the token never leaves it).
// - MDE documents only $top/$skip for alerts and machines, not whether they emit nextLink.
//   So when a full page arrives without a nextLink, and the service has not shown that it emits nextLinks, we go on
//   with $skip. Once a nextLink has been seen, its absence means the end.
// - Loops: a nextLink already visited, or one whose $skip is not the number of records received so far, is not
//   followed; we continue with our own $top/$skip instead ("offset" recovery, trusted for MDE where $skip is
//   documented). Graph's $skiptoken is opaque and $skip support is undocumented for managedDevices, so there a
//   page of records we already have also counts as a loop, and the $skip we try in its place is checked: if it
//   brings back records we already have, or is refused, PagingError — never a silently partial list.
// - Page cap: PagingError after maxPages.
// - Each record goes through itemSchema.safeParse; a bad one is skipped (logged with its id), never thrown.

export interface SkippedRecord {
  id: string | null;
  reason: string;
}

export interface Page<T> {
  items: T[];
  skipped: SkippedRecord[];
}

export interface RawPage {
  value: unknown[];
  nextLink: string | null;
}

export interface PaginateOptions<T> {
  provider: Provider;
  /** Path for logs and errors, e.g. /api/alerts. */
  label: string;
  /** First page URL, with the caller's query ($filter, $expand…) but no $top/$skip. */
  firstUrl: URL;
  pageSize: number;
  maxPages?: number;
  itemSchema: ZodType<T>;
  /** Key reported for skipped records (`id`; incidents use `incidentId`). */
  idField?: string;
  fetchPage: (url: URL) => Promise<RawPage>;
  /** Maps a nextLink onto the configured base URL. */
  rebase: (nextLink: string) => URL;
  /** "trusted": $top/$skip is documented (MDE). "verified": it is not (Graph); check recovery pages. */
  offsetPaging: "trusted" | "verified";
}

export const DEFAULT_MAX_PAGES = 10_000;

function idOf(raw: unknown, field: string): string | null {
  if (!raw || typeof raw !== "object") return null;
  const v = (raw as Record<string, unknown>)[field];
  return typeof v === "string" || typeof v === "number" ? String(v) : null;
}

function visitKey(url: URL): string {
  const params = [...url.searchParams.entries()].map(([k, v]) => `${k.toLowerCase()}=${v}`).sort();
  return `${url.origin}${url.pathname.toLowerCase()}?${params.join("&")}`;
}

function skipOf(url: URL): number | null {
  for (const [k, v] of url.searchParams) {
    if (k.toLowerCase() === "$skip" && /^\d+$/.test(v)) return Number(v);
  }
  return null;
}

/**
 * Sets query options on the raw query string. URLSearchParams would re-encode everything form-style (`%24top`,
 * `+` for spaces); we keep `$` literal and `%20`, as in Microsoft's samples, which both MDE and Graph accept.
 */
export function withQueryOptions(url: URL, options: Record<string, string>): URL {
  const u = new URL(url);
  const replaced = new Set(Object.keys(options).map((k) => k.toLowerCase()));
  const kept = u.search
    .replace(/^\?/, "")
    .split("&")
    .filter((p) => p && !replaced.has(decodeURIComponent(p.split("=")[0]!).toLowerCase()));
  for (const [k, v] of Object.entries(options)) kept.push(`${k}=${encodeURIComponent(v)}`);
  u.search = kept.join("&");
  return u;
}

function offsetUrl(first: URL, pageSize: number, skip: number): URL {
  return withQueryOptions(
    first,
    skip > 0 ? { $top: String(pageSize), $skip: String(skip) } : { $top: String(pageSize) },
  );
}

export function validatePage<T>(
  raw: unknown[],
  schema: ZodType<T>,
  idField: string,
  ctx: { provider: Provider; label: string },
): Page<T> {
  const items: T[] = [];
  const skipped: SkippedRecord[] = [];
  for (const record of raw) {
    const parsed = schema.safeParse(record);
    if (parsed.success) {
      items.push(parsed.data);
      continue;
    }
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? issue.path.join(".") : "record";
    const reason = `${where}: ${issue?.message ?? "invalid"}`;
    const id = idOf(record, idField);
    skipped.push({ id, reason });
    logger.warn("provider record failed validation; skipped", { provider: ctx.provider, path: ctx.label, id, reason });
  }
  return { items, skipped };
}

export async function* paginate<T>(o: PaginateOptions<T>): AsyncGenerator<Page<T>> {
  const maxPages = o.maxPages ?? DEFAULT_MAX_PAGES;
  const idField = o.idField ?? "id";
  const verified = o.offsetPaging === "verified";
  const seenIds = verified ? new Set<string>() : null;
  const visited = new Set<string>();
  let received = 0;
  let pages = 0;
  let sawNextLink = false;
  let offsetMode = false;
  let checkingRecovery = false;
  let url: URL | null = offsetUrl(o.firstUrl, o.pageSize, 0);

  const warnLoop = (detail: string) =>
    logger.warn("paging: nextLink loop detected; continuing with $top/$skip", {
      provider: o.provider,
      path: o.label,
      received,
      detail,
    });

  while (url) {
    if (pages >= maxPages)
      throw new PagingError(o.provider, o.label, `Paging ${o.label} stopped at the cap of ${maxPages} pages`);
    pages++;
    visited.add(visitKey(url));
    let raw: RawPage;
    try {
      raw = await o.fetchPage(url);
    } catch (err) {
      if (checkingRecovery) {
        throw new PagingError(
          o.provider,
          o.label,
          `nextLink loop on ${o.label} and $skip was refused (${(err as Error).message}); not returning a partial list`,
        );
      }
      throw err;
    }
    let page = validatePage(raw.value, o.itemSchema, idField, o);

    if (seenIds) {
      // Compared on validated records only: a malformed id (the same bogus value on two pages) is not a repeat.
      const repeats = page.items.filter((item) => seenIds.has(idOf(item, idField) ?? "")).length;
      if (checkingRecovery && repeats > 0) {
        throw new PagingError(
          o.provider,
          o.label,
          `nextLink loop on ${o.label} and $skip is not honoured; not returning a partial list`,
        );
      }
      if (page.items.length > 0 && repeats === page.items.length) {
        // The opaque $skiptoken led back to records we have: a loop.
        warnLoop("page repeats records already received");
        url = offsetUrl(o.firstUrl, o.pageSize, received);
        checkingRecovery = true;
        continue;
      }
      if (repeats > 0) {
        logger.warn("paging: dropped records already received", { provider: o.provider, path: o.label, repeats });
        page = { items: page.items.filter((item) => !seenIds.has(idOf(item, idField) ?? "")), skipped: page.skipped };
      }
      for (const item of page.items) {
        const id = idOf(item, idField);
        if (id !== null) seenIds.add(id);
      }
    }
    checkingRecovery = false;

    received += raw.value.length;
    yield page;

    if (offsetMode) {
      url = raw.value.length >= o.pageSize ? offsetUrl(o.firstUrl, o.pageSize, received) : null;
      continue;
    }
    if (raw.nextLink) {
      sawNextLink = true;
      const next = o.rebase(raw.nextLink);
      const skip = skipOf(next);
      const looped = visited.has(visitKey(next));
      if (looped || (skip !== null && skip !== received)) {
        warnLoop(looped ? "nextLink already visited" : `nextLink $skip=${skip}, expected ${received}`);
        url = offsetUrl(o.firstUrl, o.pageSize, received);
        if (verified) checkingRecovery = true;
        else offsetMode = true;
      } else {
        url = next;
      }
    } else if (!sawNextLink && raw.value.length >= o.pageSize) {
      // A full page and no nextLink from a service that has not shown it emits them: page on with $skip.
      url = offsetUrl(o.firstUrl, o.pageSize, received);
      offsetMode = !verified;
      if (verified) checkingRecovery = true;
    } else {
      url = null;
    }
  }
}
