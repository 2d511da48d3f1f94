import { route } from "@/lib/auth/route";
import { huntingQuota } from "@/lib/hunting";

// GET /api/hunting/quota (console:read) — the tenant's hunting calls this minute and CPU state, shared by everyone
export const GET = route({ permission: "console:read" }, () => huntingQuota());
