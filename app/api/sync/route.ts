import { route, z } from "@/lib/auth/route";
import { getSyncOverview } from "@/lib/sync/status";
import { requestSync } from "@/lib/sync/request-sync";

// GET /api/sync (console:read) — per-entity sync state
export const GET = route({ permission: "console:read" }, () => getSyncOverview());

// POST /api/sync (sync:run) — start a pass now ("Sync now")
export const POST = route(
  { permission: "sync:run", body: z.object({ full: z.boolean().default(false) }), audit: "sync.run" },
  async ({ body, audit }) => Response.json(await requestSync(audit, body), { status: 202 }),
);
