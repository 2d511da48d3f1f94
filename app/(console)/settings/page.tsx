import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth/page";
import { listApiTokens } from "@/lib/auth/tokens";
import { TokenManager } from "./_components/token-manager";
import { TriageSettings } from "./_components/triage-settings";
import { cachedTriageSettings } from "@/lib/alerts";

export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage() {
  await requireUser("settings:write");
  const [tokens, triage] = await Promise.all([listApiTokens(), cachedTriageSettings()]);
  return (
    <>
      <PageHeader title="Settings" description="Administration of the console. Four-eyes approval (issue #7) and sync controls (issue #4) arrive with their issues." />
      <TriageSettings initial={triage} />
      <TokenManager initial={tokens} />
    </>
  );
}
