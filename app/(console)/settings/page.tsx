import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth/page";
import { listApiTokens } from "@/lib/auth/tokens";
import { TokenManager } from "./_components/token-manager";
import { TriageSettings } from "./_components/triage-settings";
import { cachedTriageSettings } from "@/lib/alerts";
import { getActionSettings } from "@/lib/actions";
import { ActionSettings } from "./_components/action-settings";

export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage() {
  await requireUser("settings:write");
  const [tokens, triage, actions] = await Promise.all([listApiTokens(), cachedTriageSettings(), getActionSettings()]);
  return (
    <>
      <PageHeader title="Settings" description="Administration of the console. Sync controls (issue #4) arrive with their issue." />
      <TriageSettings initial={triage} />
      <ActionSettings initial={actions} />
      <TokenManager initial={tokens} />
    </>
  );
}
