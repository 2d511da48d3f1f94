import { route } from "@/lib/auth/route";
import { createIndicator, listIndicators } from "@/lib/indicators";
import { IndicatorCreate, IndicatorQuery } from "@/lib/indicators/schemas";

// GET /api/indicators (console:read) — custom indicators from the cache, newest first
export const GET = route({ permission: "console:read", query: IndicatorQuery }, async ({ query }) => {
  const { cursor, limit, ...filter } = query;
  return listIndicators(filter, { cursor, limit });
});

// POST /api/indicators (indicators:write) — submit one indicator to Defender (an existing value is updated)
export const POST = route(
  { permission: "indicators:write", body: IndicatorCreate, audit: "indicator.create" },
  async ({ body, audit }) => Response.json({ data: await createIndicator(audit, body) }, { status: 201 }),
);
