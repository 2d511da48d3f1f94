import { route } from "@/lib/auth/route";
import { cachedTriageSettings, saveTriageSettings, TriageSettingsInput } from "@/lib/alerts";

// GET /api/settings/triage (console:read) — the priority rules and SLA clocks in force
export const GET = route({ permission: "console:read" }, async () => cachedTriageSettings());

// PUT /api/settings/triage (settings:write) — replace rules and clocks; re-derives every cached alert's priority
export const PUT = route(
  { permission: "settings:write", body: TriageSettingsInput, audit: "settings.triage" },
  async ({ body, audit }) => saveTriageSettings(audit, body),
);
