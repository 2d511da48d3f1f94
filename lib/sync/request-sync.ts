import type { AuditContext } from "../auth/actor";
import { withAudit } from "../audit";
import { hasTenant } from "../config/env";
import { Conflict } from "../http/errors";
import { runSyncNow, syncRunning } from "./scheduler";

/** "Sync now": audited, and refused while a pass is already running in this console. */
export async function requestSync(audit: AuditContext, opts: { full: boolean }): Promise<{ started: true }> {
  if (!hasTenant()) throw new Conflict("No tenant is configured, so there is nothing to sync.");
  if (syncRunning()) throw new Conflict("A sync is already running; it will finish on its own.");
  await withAudit(audit, { action: "sync.run", targetType: "sync", params: { full: opts.full } }, async () => ({
    result: null,
  }));
  runSyncNow(opts);
  return { started: true };
}
