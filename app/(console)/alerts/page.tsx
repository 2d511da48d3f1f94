import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { cspNonce, requireUser } from "@/lib/auth/page";
import { alertCacheState, listAlerts, listFilterOptions, slaCounts } from "@/lib/alerts";
import { AlertView, viewToSearch } from "@/lib/alerts/schemas";
import { listSavedViews } from "@/lib/views";
import { AlertQueue } from "./_components/alert-queue";
import { AlertSavedViews } from "./_components/alert-saved-views";
import { parseLeniently } from "@/lib/http/query-params";
import { IgnoredParameters } from "@/components/ui/ignored-parameters";
import { EarlyKeysScript } from "./_components/early-keys-script";

export const metadata: Metadata = { title: "Alerts" };

type Search = Record<string, string | string[] | undefined>;

// /alerts — the URL is the view: every filter, sort and grouping is a query parameter, so a view can be shared.
export default async function AlertsPage({ searchParams }: { searchParams: Promise<Search> }) {
  const actor = await requireUser("console:read");
  const raw = await searchParams;
  const { value: view, ignored } = parseLeniently(AlertView, raw);
  const now = new Date();
  const [page, counts, cache, options, views, nonce] = await Promise.all([
    listAlerts(actor, view, { limit: 50, now }),
    slaCounts(now, { filter: view, me: actor.name }),
    alertCacheState(),
    listFilterOptions(),
    listSavedViews(actor, "alerts"),
    cspNonce(),
  ]);
  const search = viewToSearch(view).toString();
  return (
    <>
      <PageHeader
        title="Alerts"
        description="The alert queue from the cache, ranked: open alerts by priority, then SLA time left, then age. Every triage change goes to Defender first."
        actions={
          <AlertSavedViews
            initialViews={views}
            currentQuery={search}
            canSave={actor.type === "user" && actor.permissions.has("views:write")}
            canShare={actor.permissions.has("views:share")}
          />
        }
      />
      <EarlyKeysScript nonce={nonce} />
      <IgnoredParameters names={ignored} />
      <AlertQueue
        view={view}
        search={search}
        initialPage={page}
        counts={counts}
        now={now.getTime()}
        me={actor.name}
        canTriage={actor.permissions.has("alerts:triage")}
        cache={cache}
        options={options}
      />
    </>
  );
}
