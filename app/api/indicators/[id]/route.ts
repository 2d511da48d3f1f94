import { z } from "zod";
import { route } from "@/lib/auth/route";
import { deleteIndicators } from "@/lib/indicators";

const IndicatorRef = z.object({ id: z.string().min(1).max(100) });

// DELETE /api/indicators/[id] (indicators:delete) — delete one indicator in Defender and from the cache
export const DELETE = route(
  { permission: "indicators:delete", params: IndicatorRef, audit: "indicator.delete" },
  async ({ params, audit }) => ({ data: await deleteIndicators(audit, [params.id]) }),
);
