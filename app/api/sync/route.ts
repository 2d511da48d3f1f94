import { route, z } from "@/lib/auth/route";
import { getSyncOverview } from "@/lib/sync/status";
import { requestSync } from "@/lib/sync/request-sync";
import { syncRunning } from "@/lib/sync/scheduler";

// GET /api/sync (console:read) — per-entity sync state, and whether a pass is running in this console now
export const GET = route({ permission: "console:read" }, async () => ({
  ...(await getSyncOverview()),
  passRunning: syncRunning(),
}));

// POST /api/sync (sync:run) — start a pass now ("Sync now"; full: re-read everything, "Full resync")
export const POST = route(
  { permission: "sync:run", body: z.object({ full: z.boolean().default(false) }), audit: "sync.run" },
  async ({ body, audit }) => Response.json(await requestSync(audit, body), { status: 202 }),
);
