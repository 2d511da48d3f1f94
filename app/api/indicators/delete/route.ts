import { route } from "@/lib/auth/route";
import { deleteIndicators } from "@/lib/indicators";
import { IndicatorDeleteBody } from "@/lib/indicators/schemas";

// POST /api/indicators/delete (indicators:delete) — batch delete (500 ids to a Defender call)
export const POST = route(
  { permission: "indicators:delete", body: IndicatorDeleteBody, audit: "indicator.delete" },
  async ({ body, audit }) => ({ data: await deleteIndicators(audit, body.ids) }),
);
