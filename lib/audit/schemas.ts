// Client-safe: the audit log's view as the URL holds it (the server parses it with AuditFilter in queries.ts).

export const AUDIT_VIEW_KEYS = ["actor", "action", "target", "result", "from", "to"] as const;

/** The audit filters as typed in the page's form (dates as YYYY-MM-DD). */
export type AuditView = Partial<Record<(typeof AUDIT_VIEW_KEYS)[number], string>>;

/** The canonical query string of a view (fixed order, empty values left out), so equal views share a cache key. */
export function auditViewToSearch(view: AuditView): URLSearchParams {
  const s = new URLSearchParams();
  for (const key of AUDIT_VIEW_KEYS) {
    const value = view[key]?.trim();
    if (value) s.set(key, value);
  }
  return s;
}

/** A page of GET /api/audit. */
export interface AuditPage<Row> {
  data: Row[];
  nextCursor: string | null;
}
