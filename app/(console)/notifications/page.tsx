import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth/page";
import { listChannels, listDeliveryLog, listRules } from "@/lib/notifications";
import { NotificationRules } from "./_components/notification-rules";

export const metadata: Metadata = { title: "Notifications" };

// /notifications — who hears about what (Managers and Admins): notification rules with their filter, channels,
// digest and quiet hours, a test-send per rule; Admins also read the delivery log here (channels stay in Settings).
export default async function NotificationsPage() {
  const actor = await requireUser("notifications:rules");
  const isAdmin = actor.permissions.has("notifications:channels");
  const [rules, channels, log] = await Promise.all([
    listRules(),
    listChannels(),
    isAdmin ? listDeliveryLog({ limit: 50 }) : Promise.resolve(null),
  ]);
  return (
    <>
      <PageHeader
        title="Notifications"
        description="Rules say which events reach which channels, how often and when not. The console delivers them itself (e-mail, Microsoft Teams, signed webhooks)."
        actions={
          isAdmin ? (
            <Link
              href="/settings#notification-settings-title"
              className="text-sm text-blue-700 underline dark:text-blue-300"
            >
              Channels (Settings)
            </Link>
          ) : null
        }
      />
      <NotificationRules initialRules={rules} channels={channels} log={log} />
    </>
  );
}
