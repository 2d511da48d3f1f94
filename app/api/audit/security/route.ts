import { route, z } from "@/lib/auth/route";
import { securitySummary } from "@/lib/audit/security-events";

// GET /api/audit/security?minutes=60 (audit:read) — refused requests and failed sign-ins: how many, why, from whom.
// The rows themselves are in the audit log (action=security.denied).
export const GET = route(
  {
    permission: "audit:read",
    query: z.object({
      minutes: z.coerce
        .number()
        .int()
        .min(1)
        .max(24 * 60)
        .default(60),
    }),
  },
  ({ query }) => securitySummary(query.minutes),
);
