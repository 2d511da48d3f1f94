import { route, z } from "@/lib/auth/route";
import { AuditFilter, listAuditEvents } from "@/lib/audit";

const AuditQuery = AuditFilter.extend({
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

// GET /api/audit (audit:read) — newest first, cursor-paged
export const GET = route({ permission: "audit:read", query: AuditQuery }, async ({ query }) => {
  const { cursor, limit, ...filter } = query;
  return listAuditEvents(filter, { cursor, limit });
});
