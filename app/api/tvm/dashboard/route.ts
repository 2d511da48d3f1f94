import { route } from "@/lib/auth/route";
import { getTvmDashboard } from "@/lib/tvm";
import { DashboardQuery } from "@/lib/tvm/schemas";

// GET /api/tvm/dashboard (console:read) — scores, trends, distribution and top-N for one device group or the tenant
export const GET = route({ permission: "console:read", query: DashboardQuery }, ({ query }) => getTvmDashboard(query));
