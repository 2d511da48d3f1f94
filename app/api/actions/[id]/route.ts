import { route } from "@/lib/auth/route";
import { refreshAction } from "@/lib/actions";
import { ActionRef } from "@/lib/actions/schemas";

export const dynamic = "force-dynamic";

// GET /api/actions/[id] (console:read) — one action, its status refreshed from Defender while it is not final
export const GET = route({ permission: "console:read", params: ActionRef }, async ({ params }) => ({ data: await refreshAction(params.id) }));
