import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth/page";
import { listApiTokens } from "@/lib/auth/tokens";
import { TokenManager } from "./_components/token-manager";
import { TriageSettings } from "./_components/triage-settings";
import { cachedTriageSettings } from "@/lib/alerts";
import { getActionSettings } from "@/lib/actions";
import { ActionSettings } from "./_components/action-settings";
import { UserAccess } from "./_components/user-access";
import { listUserAccess } from "@/lib/auth/sessions";
import { getConfig } from "@/lib/config/env";
import { listChannels, listDeliveryLog, listRules } from "@/lib/notifications";
import { NotificationSettings } from "./_components/notification-settings";

export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage() {
  await requireUser("settings:write");
  const [tokens, triage, actions, people, channels, rules, deliveries] = await Promise.all([
    listApiTokens(),
    cachedTriageSettings(),
    getActionSettings(),
    listUserAccess(),
    listChannels(),
    listRules(),
    listDeliveryLog({ limit: 20 }),
  ]);
  const { SESSION_TTL_HOURS, SESSION_IDLE_MINUTES, NOTIFY_SINK_URL } = getConfig();
  return (
    <>
      <PageHeader
        title="Settings"
        description="Priority rules and SLA clocks, approval of response actions, notifications, API tokens and who has access. Sync status and Sync now are on the Sync page."
      />
      <TriageSettings initial={triage} />
      <ActionSettings initial={actions} />
      <NotificationSettings channels={channels} rules={rules} log={deliveries} sinkUrl={NOTIFY_SINK_URL ?? null} />
      <TokenManager initial={tokens} />
      <UserAccess initial={people} ttlHours={SESSION_TTL_HOURS} idleMinutes={SESSION_IDLE_MINUTES} />
    </>
  );
}
