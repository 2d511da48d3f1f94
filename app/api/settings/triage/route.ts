import { route, z } from "@/lib/auth/route";
import { cachedTriageSettings, previewTriageSettings, saveTriageSettings, TriageSettingsInput } from "@/lib/alerts";

// GET /api/settings/triage (console:read) — the priority rules and SLA clocks in force
export const GET = route({ permission: "console:read" }, async () => cachedTriageSettings());

const SaveQuery = z.object({ dryRun: z.enum(["1", "true"]).optional() }).strict();

// PUT /api/settings/triage (settings:write) — replace rules and clocks; re-derives every cached alert's priority.
// ?dryRun=1 only counts the alerts the change would touch ("would change N alerts") and saves nothing.
export const PUT = route(
  { permission: "settings:write", query: SaveQuery, body: TriageSettingsInput, audit: "settings.triage" },
  async ({ query, body, audit }) => (query.dryRun ? previewTriageSettings(body) : saveTriageSettings(audit, body)),
);
