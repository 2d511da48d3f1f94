import { route } from "@/lib/auth/route";
import { getAsrAdvisor } from "@/lib/posture";

// GET /api/posture/asr (console:read) — the ASR Audit→Block advisor from the cache: hits by rule, file, process and
// device over 14/30 days, each audited rule's verdict with the apps that would break and the exclusions to add
export const GET = route({ permission: "console:read" }, () => getAsrAdvisor());
