import { route } from "@/lib/auth/route";
import { csvResponse } from "@/lib/http/csv-response";
import { AuditFilter, auditEventsCsv } from "@/lib/audit";

// GET /api/audit/export (audit:export) — the filtered audit log as CSV, streamed
export const GET = route({ permission: "audit:export", query: AuditFilter }, async ({ query }) => {
  return csvResponse("audit", auditEventsCsv(query));
});
