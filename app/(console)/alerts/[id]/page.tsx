import type { Metadata } from "next";
import Link from "next/link";
import { BackLink } from "@/components/ui/back-link";
import { notFound } from "next/navigation";
import { PriorityBadge, SeverityText, SlaBadge } from "@/components/alerts/badges";
import { EvidenceTable } from "@/components/alerts/evidence-table";
import { CommentList } from "@/components/ui/comment-list";
import { formatUtc } from "@/components/ui/format";
import { PageHeader } from "@/components/ui/page-header";
import { CardSection, MainSection } from "@/components/ui/card-section";
import { RowsTable, Td } from "@/components/ui/table";
import { requireUser } from "@/lib/auth/page";
import { getAlertDetail } from "@/lib/alerts";
import { AlertTriagePanel } from "./_components/alert-triage-panel";
import { AlertLink } from "@/components/alerts/alert-link";
import { label } from "@/lib/labels";
import { alertHuntQuery, huntHref } from "@/lib/hunting";
import { buttonSecondary } from "@/components/ui/button-styles";
import { HistoryTable } from "@/components/ui/history-table";
import { getActionSettings, listActions } from "@/lib/actions";
import { ResponsePanel } from "../../_response/response-panel";
import { BlockFromEvidence } from "../../_indicators/block-from-evidence";
import { InvestigationsPanel } from "../../_investigations/investigations-panel";

export const metadata: Metadata = { title: "Alert" };

// /alerts/[id] — everything about one alert from the cache, its history from the audit log, and triage.
export default async function AlertPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireUser("console:read");
  const { id } = await params;
  const alert = await getAlertDetail(decodeURIComponent(id), { auditDetails: actor.permissions.has("audit:read") });
  if (!alert) notFound();
  // The SLA badge counts against the moment the page was read (render stays pure).
  const now = new Date().getTime();
  // A responder acts on the alert's device from its card: the device page's controls, with its latest actions.
  const respond =
    alert.device && actor.permissions.has("actions:respond")
      ? await Promise.all([
          listActions({ tab: "all", type: [], status: [], device: alert.device.id }, { limit: 10 }),
          getActionSettings(),
        ])
      : null;
  return (
    <>
      <BackLink href="/alerts">Alert queue</BackLink>
      <PageHeader
        title={alert.title}
        description={`Alert ${alert.id} · raised ${formatUtc(alert.alertCreationTime)} · ${label("detectionSource", alert.detectionSource, "unknown source")}`}
        actions={
          // The query narrows time itself (a day before the alert to an hour after), so the range is the widest.
          <Link
            className={buttonSecondary}
            href={huntHref(
              alertHuntQuery({ id: alert.id, title: alert.title, createdAt: alert.alertCreationTime }),
              "P30D",
            )}
          >
            Hunt
          </Link>
        }
      />
      <div className="mb-6 flex flex-wrap items-center gap-3 text-sm">
        <PriorityBadge priority={alert.priority} rule={alert.priorityRule} />
        {alert.priorityRule ? (
          <span data-testid="priority-rule">
            Raised to {alert.priority} by rule “{alert.priorityRule}”
          </span>
        ) : null}
        <span>
          Severity: <SeverityText severity={alert.severity} />
        </span>
        <span>
          Status: <strong data-testid="alert-status">{label("alertStatus", alert.status)}</strong>
        </span>
        <span>Assigned to: {alert.assignedTo ?? "nobody"}</span>
        {alert.classification ? (
          <span>
            {label("classification", alert.classification)}
            {alert.determination ? ` — ${label("determination", alert.determination)}` : ""}
          </span>
        ) : null}
        <SlaBadge
          slaDueAt={alert.slaDueAt}
          status={alert.status}
          alertCreationTime={alert.alertCreationTime}
          now={now}
        />
      </div>

      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_22rem]">
        <div className="min-w-0 space-y-6">
          <section aria-labelledby="description-title">
            <h2 id="description-title" className="mb-1 text-lg font-semibold">
              Description
            </h2>
            <p className="whitespace-pre-wrap text-sm">{alert.description || "Defender gave no description."}</p>
            {alert.recommendedAction ? (
              <>
                <h3 className="mt-3 font-semibold">Recommended action</h3>
                <p className="whitespace-pre-wrap text-sm">{alert.recommendedAction}</p>
              </>
            ) : null}
            <dl className="mt-3 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
              <dt className="text-slate-500">Category</dt>
              <dd>{label("category", alert.category)}</dd>
              <dt className="text-slate-500">MITRE techniques</dt>
              <dd className="font-mono text-xs">{alert.mitreTechniques.join(", ") || "—"}</dd>
              <dt className="text-slate-500">Threat</dt>
              <dd>{[alert.threatName, alert.threatFamilyName].filter(Boolean).join(" · ") || "—"}</dd>
              <dt className="text-slate-500">User</dt>
              <dd>{alert.userName ?? "—"}</dd>
              <dt className="text-slate-500">First / last event</dt>
              <dd>
                {formatUtc(alert.firstEventTime)} / {formatUtc(alert.lastEventTime)}
              </dd>
              <dt className="text-slate-500">Investigation</dt>
              <dd>{label("investigationState", alert.investigationState)}</dd>
            </dl>
          </section>

          <MainSection id="evidence-title" title="Evidence">
            {actor.permissions.has("indicators:write") ? (
              <BlockFromEvidence alert={alert} evidence={alert.evidence} />
            ) : null}
            <EvidenceTable evidence={alert.evidence} />
          </MainSection>

          <InvestigationsPanel of={{ alertId: alert.id }} />

          <MainSection id="incident-title" title="Incident">
            {alert.incident ? (
              <>
                <p className="mb-2 text-sm">
                  <Link
                    href={`/incidents/${alert.incident.id}`}
                    className="font-medium text-blue-700 underline dark:text-blue-300"
                  >
                    {alert.incident.name}
                  </Link>{" "}
                  · {label("severity", alert.incident.severity)} · {label("incidentStatus", alert.incident.status)}
                </p>
                <RowsTable
                  caption="Other alerts in this incident"
                  columns={["Alert", "Severity", "Status", "Device"]}
                  rows={alert.incident.alerts}
                  empty="No other alerts in this incident."
                  row={(a) => (
                    <tr key={a.id}>
                      <Td>
                        <AlertLink alert={a} />
                      </Td>
                      <Td>{label("severity", a.severity)}</Td>
                      <Td>{label("alertStatus", a.status)}</Td>
                      <Td>{a.computerDnsName ?? "—"}</Td>
                    </tr>
                  )}
                />
              </>
            ) : (
              <p className="text-sm text-slate-500">Not part of an incident.</p>
            )}
          </MainSection>

          <MainSection id="history-title" title="History in this console">
            <HistoryTable history={alert.history} what="alert" />
          </MainSection>
        </div>

        <aside className="space-y-6">
          <CardSection id="device-title" title="Device">
            {alert.device ? (
              <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm">
                <dt className="text-slate-500">Name</dt>
                <dd>
                  <Link href={`/devices/${alert.device.id}`} className="text-blue-700 underline dark:text-blue-300">
                    {alert.device.name}
                  </Link>
                </dd>
                <dt className="text-slate-500">Risk</dt>
                <dd>{label("riskScore", alert.device.riskScore)}</dd>
                <dt className="text-slate-500">Exposure</dt>
                <dd>{label("exposureLevel", alert.device.exposureLevel)}</dd>
                <dt className="text-slate-500">Isolation</dt>
                <dd>{label("isolationState", alert.device.isolationState)}</dd>
                <dt className="text-slate-500">Health</dt>
                <dd>{label("healthStatus", alert.device.healthStatus)}</dd>
              </dl>
            ) : (
              <p className="text-sm text-slate-500">
                {alert.computerDnsName
                  ? `${alert.computerDnsName} (not in the device cache yet)`
                  : "No device on this alert."}
              </p>
            )}
            {alert.device && respond ? (
              <div className="mt-4 border-t border-slate-200 pt-3 dark:border-slate-700">
                <ResponsePanel
                  device={alert.device}
                  canRespond
                  fourEyes={respond[1].fourEyes}
                  initialActions={respond[0]}
                  renderedAt={now}
                  listLimit={3}
                />
              </div>
            ) : null}
          </CardSection>

          {actor.permissions.has("alerts:triage") ? (
            <CardSection id="triage-title" title="Triage">
              <AlertTriagePanel id={alert.id} />
            </CardSection>
          ) : null}

          <CommentList comments={alert.comments} />
        </aside>
      </div>
    </>
  );
}
