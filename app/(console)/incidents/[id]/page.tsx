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
import { CLASSIFICATION_LABELS } from "@/lib/alerts/schemas";
import { IncidentRef } from "@/lib/incidents/schemas";
import { IncidentTriagePanel } from "./_components/incident-triage-panel";
import { AlertLink } from "@/components/alerts/alert-link";

export const metadata: Metadata = { title: "Incident" };

// /incidents/[id] — the incident, its alerts and affected devices; assign and set status through Defender XDR.
export default async function IncidentPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireUser("console:read");
  const ref = IncidentRef.safeParse(await params);
  if (!ref.success) notFound();
  const incident = await getIncidentDetail(ref.data.id);
  if (!incident) notFound();
  return (
    <>
      <BackLink href="/incidents">Incidents</BackLink>
      <PageHeader
        title={incident.name}
        description={`Incident #${incident.id} · ${incident.severity} · ${incident.status} · assigned to ${incident.assignedTo ?? "nobody"} · created ${formatUtc(incident.createdTime)}`}
      />
      <p className="mb-4 text-sm" data-testid="incident-classification">
        Classification:{" "}
        <strong>
          {incident.classification
            ? (CLASSIFICATION_LABELS[incident.classification as keyof typeof CLASSIFICATION_LABELS] ??
              incident.classification)
            : "not classified"}
        </strong>
        {incident.determination ? (
          <>
            {" "}
            · determination <strong>{incident.determination}</strong>
          </>
        ) : null}
      </p>
      <div className="grid gap-6 lg:grid-cols-[1fr_22rem]">
        <div className="space-y-6">
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
                  <Td className="text-xs">{a.severity}</Td>
                  <Td className="text-xs">{a.status}</Td>
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
                  <Td className="text-xs">{d.riskScore ?? "—"}</Td>
                  <Td className="text-xs">{d.isolationState ?? "—"}</Td>
                </tr>
              )}
            />
            {incident.users.length ? <p className="mt-2 text-sm">Users: {incident.users.join(", ")}</p> : null}
          </MainSection>
        </div>
        <aside className="space-y-6">
          {actor.permissions.has("alerts:triage") ? (
            <CardSection id="triage-title" title="Triage">
              <IncidentTriagePanel id={incident.id} />
            </CardSection>
          ) : null}
          <CommentList comments={incident.comments} />
        </aside>
      </div>
    </>
  );
}
