import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth/page";
import { listApiTokens } from "@/lib/auth/tokens";
import { TokenManager } from "./_components/token-manager";

export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage() {
  await requireUser("settings:write");
  const tokens = await listApiTokens();
  return (
    <>
      <PageHeader title="Settings" description="Administration of the console. Priority rules and SLA clocks (issue #6), four-eyes approval (issue #7) and sync controls (issue #4) arrive with their issues." />
      <TokenManager initial={tokens} />
    </>
  );
}
