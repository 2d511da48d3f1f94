import { getConfig, hasTenant } from "../config/env";
import { db, getDatabase } from "../db";
import { getSyncOverview, type SyncOverview } from "../sync/status";

export interface Health {
  status: "ok" | "degraded";
  database: { ok: boolean; kind: "postgresql" | "pglite"; latencyMs: number | null; error?: string };
  sync: SyncOverview | null;
  tenantConfigured: boolean;
  mode: "demo" | "production";
}

export async function checkHealth(): Promise<Health> {
  const cfg = getConfig();
  const kind = getDatabase().kind;
  const started = performance.now();
  try {
    await db().$queryRaw`SELECT 1`;
    const latencyMs = Math.round((performance.now() - started) * 10) / 10;
    const sync = await getSyncOverview();
    return {
      status: "ok",
      database: { ok: true, kind, latencyMs },
      sync,
      tenantConfigured: hasTenant(cfg),
      mode: cfg.CONSOLE_MODE,
    };
  } catch (error) {
    return {
      status: "degraded",
      // The message of a connection error names host and database but never the password.
      database: {
        ok: false,
        kind,
        latencyMs: null,
        error: error instanceof Error ? error.message.split("\n")[0] : "unreachable",
      },
      sync: null,
      tenantConfigured: hasTenant(cfg),
      mode: cfg.CONSOLE_MODE,
    };
  }
}
