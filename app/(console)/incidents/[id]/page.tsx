import type { Metadata } from "next";
import Link from "next/link";
import { BackLink } from "@/components/ui/back-link";
import { notFound } from "next/navigation";
import { PriorityBadge } from "@/components/alerts/badges";
import { CommentList } from "@/components/ui/comment-list";
import { PageHeader } from "@/components/ui/page-header";
import { CardSection, MainSection } from "@/components/ui/card-section";
import { RowsTable, Td } from "@/components/ui/table";
import { formatUtc } from "@/components/ui/format";
import { requireUser } from "@/lib/auth/page";
import { getIncidentDetail } from "@/lib/incidents";
import { label } from "@/lib/labels";
import { IncidentRef } from "@/lib/incidents/schemas";
import { IncidentTriagePanel } from "./_components/incident-triage-panel";
import { AlertLink } from "@/components/alerts/alert-link";
import { HistoryTable } from "@/components/ui/history-table";
import { getActionSettings } from "@/lib/actions";
import { IsolationBadge } from "@/components/devices/badges";
import { ResponsePanel } from "../../_response/response-panel";
import { ResponseDisclosure } from "../../_response/response-disclosure";
import { InvestigationsPanel } from "../../_investigations/investigations-panel";
import { IncidentRunbookSection } from "./_components/incident-runbook-section";

export const metadata: Metadata = { title: "Incident" };

// /incidents/[id] — the incident, its alerts and affected devices; assign and set status through Defender XDR.
export default async function IncidentPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireUser("console:read");
  const ref = IncidentRef.safeParse(await params);
  if (!ref.success) notFound();
  const incident = await getIncidentDetail(ref.data.id, { auditDetails: actor.permissions.has("audit:read") });
  if (!incident) notFound();
  // A responder acts on the incident's devices here, with the device page's controls (opened one at a time).
  const respondable = actor.permissions.has("actions:respond")
    ? incident.devices.flatMap((d) => (d.response ? [d.response] : []))
    : [];
  const fourEyes = respondable.length ? (await getActionSettings()).fourEyes : false;
  const renderedAt = new Date().getTime();
  return (
    <>
      <BackLink href="/incidents">Incidents</BackLink>
      <PageHeader
        title={incident.name}
        description={`Incident #${incident.id} · ${label("severity", incident.severity)} · ${label("incidentStatus", incident.status)} · assigned to ${incident.assignedTo ?? "nobody"} · created ${formatUtc(incident.createdTime)}`}
      />
      <p className="mb-4 text-sm" data-testid="incident-classification">
        Classification: <strong>{label("classification", incident.classification, "not classified")}</strong>
        {incident.determination ? (
          <>
            {" "}
            · determination <strong>{label("determination", incident.determination)}</strong>
          </>
        ) : null}
      </p>
      <div className="grid gap-6 lg:grid-cols-[1fr_22rem]">
        <div className="space-y-6">
          <IncidentRunbookSection actor={actor} incidentId={incident.id} devices={incident.devices} />
          <MainSection id="alerts-title" title={`Alerts (${incident.alerts.length})`}>
            <RowsTable
              caption="Alerts in this incident"
              // The title gets the room (it wrapped to four lines when every column shared it equally); the
              // people and device columns are cut short with the full value on hover.
              columns={[
                "Priority",
                { label: "Alert", className: "min-w-64" },
                "Severity",
                "Status",
                "Device",
                "User",
                "Assigned to",
              ]}
              rows={incident.alerts}
              empty="No alerts of this incident are in the cache."
              row={(a) => (
                <tr key={a.id}>
                  <Td>
                    <PriorityBadge priority={a.priority} rule={null} />
                  </Td>
                  <Td className="min-w-64">
                    <AlertLink alert={a} />
                  </Td>
                  <Td className="text-xs">{label("severity", a.severity)}</Td>
                  <Td className="text-xs">{label("alertStatus", a.status)}</Td>
                  <Td className="max-w-36 truncate text-xs" title={a.computerDnsName ?? undefined}>
                    {a.computerDnsName ?? "—"}
                  </Td>
                  <Td className="max-w-28 truncate text-xs" title={a.userName ?? undefined}>
                    {a.userName ?? "—"}
                  </Td>
                  <Td className="max-w-36 truncate text-xs" title={a.assignedTo ?? undefined}>
                    {a.assignedTo ?? "—"}
                  </Td>
                </tr>
              )}
            />
          </MainSection>
          <MainSection id="devices-title" title={`Affected devices (${incident.devices.length})`}>
            <RowsTable
              caption="Devices with alerts in this incident"
              columns={["Device", "Risk", "Isolation"]}
              rows={incident.devices}
              empty="No devices."
              row={(d) => (
                <tr key={d.machineId ?? d.name}>
                  <Td>
                    {d.id ? (
                      <Link href={`/devices/${d.id}`} className="text-blue-700 hover:underline dark:text-blue-300">
                        {d.name}
                      </Link>
                    ) : (
                      d.name
                    )}
                  </Td>
                  <Td className="text-xs">{label("riskScore", d.riskScore)}</Td>
                  <Td className="text-xs">{label("isolationState", d.isolationState)}</Td>
                </tr>
              )}
            />
            {incident.users.length ? <p className="mt-2 text-sm">Users: {incident.users.join(", ")}</p> : null}
          </MainSection>
          <InvestigationsPanel of={{ incidentId: String(incident.id) }} />
          <MainSection id="history-title" title="History in this console">
            <HistoryTable history={incident.history} what="incident" />
          </MainSection>
        </div>
        <aside className="space-y-6">
          {actor.permissions.has("alerts:triage") ? (
            <CardSection id="triage-title" title="Triage">
              <IncidentTriagePanel id={incident.id} />
            </CardSection>
          ) : null}
          {respondable.length ? (
            <CardSection id="respond-title" title="Respond on the devices">
              <div className="space-y-2">
                {respondable.map((device) => (
                  <ResponseDisclosure
                    key={device.id}
                    summary={
                      <>
                        <span className="mr-2 font-mono">{device.name}</span>
                        <IsolationBadge value={device.isolationState} />
                      </>
                    }
                  >
                    <ResponsePanel
                      device={device}
                      canRespond
                      fourEyes={fourEyes}
                      renderedAt={renderedAt}
                      listLimit={3}
                    />
                  </ResponseDisclosure>
                ))}
              </div>
            </CardSection>
          ) : null}
          <CommentList comments={incident.comments} />
        </aside>
      </div>
    </>
  );
}
