import { route } from "@/lib/auth/route";
import { getActionSettings, saveActionSettings } from "@/lib/actions";
import { ActionSettingsInput } from "@/lib/actions/schemas";

// GET /api/settings/actions (console:read) — whether isolate and release need a second person's approval
export const GET = route({ permission: "console:read" }, async () => getActionSettings());

// PUT /api/settings/actions (settings:write) — switch four-eyes approval on or off
export const PUT = route(
  { permission: "settings:write", body: ActionSettingsInput, audit: "settings.actions" },
  async ({ body, audit }) => saveActionSettings(audit, body),
);
