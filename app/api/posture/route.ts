import { route } from "@/lib/auth/route";
import { getPostureSummary } from "@/lib/posture";

// GET /api/posture (console:read) — the deployment-posture summary from the cache: coverage, antivirus and tamper,
// ASR modes, mobile threat levels and the licence plan. Everyone who reads the console reads its posture (Managers
// included): the figures are counts of devices they can already list.
export const GET = route({ permission: "console:read" }, () => getPostureSummary());
