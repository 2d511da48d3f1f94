import { route } from "@/lib/auth/route";
import { listDeliveryLog } from "@/lib/notifications";
import { DeliveryLogQuery } from "@/lib/notifications/schemas";

// GET /api/notifications/deliveries?outcome=failed&limit=100 (notifications:channels) — the delivery log, newest first
export const GET = route({ permission: "notifications:channels", query: DeliveryLogQuery }, async ({ query }) => ({
  data: await listDeliveryLog(query),
}));
