import type { Metadata } from "next";
import Link from "next/link";
import { BackLink } from "@/components/ui/back-link";
import { notFound, redirect } from "next/navigation";
import { ComplianceBadge, HealthBadge, IsolationBadge, LevelBadge, VulnCounts } from "@/components/devices/badges";
import { formatUtc } from "@/components/ui/format";
import { PageHeader } from "@/components/ui/page-header";
import { RowsTable, Td } from "@/components/ui/table";
import { requireUser } from "@/lib/auth/page";
import { deviceIdForMachine, getDeviceDetail } from "@/lib/devices";
import { getActionSettings, listActions } from "@/lib/actions";
import { ResponsePanel } from "../../_response/response-panel";
import { InvestigationsPanel } from "../../_investigations/investigations-panel";
import { LiveResponseSection } from "../../_response/live-response-section";
import { toResponseDevice } from "@/lib/actions/schemas";
import { AlertLink } from "@/components/alerts/alert-link";
import { MainSection } from "@/components/ui/card-section";
import { label } from "@/lib/labels";
import { deviceHuntQuery, huntHref } from "@/lib/hunting";
import { buttonSecondary } from "@/components/ui/button-styles";

export const metadata: Metadata = { title: "Device" };

function Field({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <>
      <dt className="text-slate-500 dark:text-slate-400">{label}</dt>
      <dd>{children ?? "—"}</dd>
    </>
  );
}

// /devices/[id] — one device from the cache: overview, alerts, vulnerabilities, users, Intune compliance, a
// timeline of what the console knows, and the response panel (Responders and Admins only).
export default async function DevicePage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireUser("console:read");
  const { id } = await params;
  const device = await getDeviceDetail(decodeURIComponent(id), { auditDetails: actor.permissions.has("audit:read") });
  if (!device) {
    // A Defender machine id (a hunting result's DeviceId) opens the device under the console's own id.
    const canonical = await deviceIdForMachine(decodeURIComponent(id));
    if (canonical) redirect(`/devices/${encodeURIComponent(canonical)}`);
    notFound();
  }
  const canRespond = actor.permissions.has("actions:respond");
  // Relative times in the response panel count from the moment the page was read (render stays pure).
  const renderedAt = new Date().getTime();
  const [actions, settings] = await Promise.all([
    listActions({ tab: "all", type: [], status: [], device: device.id }, { limit: 10 }),
    getActionSettings(),
  ]);
  return (
    <>
      <BackLink href="/devices">Device inventory</BackLink>
      <PageHeader
        title={device.name}
        description={`${device.osPlatform ?? device.platform}${device.osBuild ? ` build ${device.osBuild}` : ""} · ${device.rbacGroupName ?? "no device group"} · ${device.inMde ? "Defender" : ""}${device.inMde && device.inIntune ? " + " : ""}${device.inIntune ? "Intune" : ""}`}
        actions={
          // Advanced hunting knows Defender's devices only (DeviceId is the Defender machine id).
          device.mdeMachineId ? (
            <Link
              className={buttonSecondary}
              href={huntHref(deviceHuntQuery({ machineId: device.mdeMachineId, name: device.name }))}
            >
              Hunt
            </Link>
          ) : null
        }
      />
      <div className="mb-6 flex flex-wrap items-center gap-3 text-sm">
        {device.inMde ? (
          <>
            <span>
              Risk <LevelBadge value={device.riskScore} />
            </span>
            <span>
              Exposure <LevelBadge value={device.exposureLevel} kind="exposureLevel" />
            </span>
            <HealthBadge value={device.healthStatus} />
            <IsolationBadge value={device.isolationState} />
          </>
        ) : (
          // Risk, exposure, sensor health and isolation are Defender's: an Intune-only device has none of them.
          <span className="text-slate-600 dark:text-slate-400">Not onboarded to Defender for Endpoint</span>
        )}
        {device.restrictionState === "Restricted" ? (
          <span className="rounded bg-amber-100 px-1.5 py-0.5 text-xs font-medium text-amber-900 dark:bg-amber-950 dark:text-amber-100">
            App execution restricted
          </span>
        ) : null}
        <ComplianceBadge value={device.complianceState} />
      </div>

      <div className="grid gap-6 lg:grid-cols-[1fr_24rem]">
        <div className="min-w-0 space-y-8">
          <MainSection id="overview-title" title="Overview">
            <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm sm:grid-cols-[auto_1fr_auto_1fr]">
              <Field label="OS">
                {[device.osPlatform, device.osVersion, device.osBuild].filter(Boolean).join(" · ") || null}
              </Field>
              <Field label="Sensor version">{device.agentVersion}</Field>
              <Field label="Onboarding">
                {device.inMde ? label("onboardingStatus", device.onboardingStatus) : "Not in Defender"}
              </Field>
              <Field label="Sensor last seen">{formatUtc(device.lastSeen)}</Field>
              <Field label="First seen">{formatUtc(device.firstSeen)}</Field>
              <Field label="Device value">{device.deviceValue ? label("deviceValue", device.deviceValue) : null}</Field>
              <Field label="IP (internal / external)">
                {[device.lastIpAddress, device.lastExternalIpAddress].filter(Boolean).join(" / ") || null}
              </Field>
              <Field label="Tags">{device.machineTags.join(", ") || null}</Field>
              <Field label="Open alerts">{device.openAlerts}</Field>
              <Field label="Vulnerabilities">
                <VulnCounts
                  critical={device.vulnCritical}
                  high={device.vulnHigh}
                  medium={device.vulnMedium}
                  low={device.vulnLow}
                />
              </Field>
              <Field label="Defender id">
                <span className="font-mono text-xs">{device.mdeMachineId ?? "—"}</span>
              </Field>
              <Field label="Entra device id">
                <span className="font-mono text-xs">{device.aadDeviceId ?? "—"}</span>
              </Field>
            </dl>
          </MainSection>

          <LiveResponseSection
            actor={actor}
            device={device}
            fourEyes={settings.fourEyes}
            actions={actions}
            renderedAt={renderedAt}
          />
          <MainSection id="alerts-title" title="Open alerts">
            <RowsTable
              caption="Open alerts on this device"
              columns={["Title", "Severity", "Status", "Raised"]}
              rows={device.alerts}
              empty="No open alerts on this device."
              row={(a) => (
                <tr key={a.id}>
                  <Td>
                    <AlertLink alert={a} />
                  </Td>
                  <Td className="text-xs">{label("severity", a.severity)}</Td>
                  <Td className="text-xs">{label("alertStatus", a.status)}</Td>
                  <Td className="whitespace-nowrap text-xs">{formatUtc(a.alertCreationTime)}</Td>
                </tr>
              )}
            />
          </MainSection>

          <InvestigationsPanel
            of={{ deviceId: device.id }}
            start={
              actor.permissions.has("investigations:start") && device.mdeMachineId
                ? { deviceId: device.id, deviceName: device.name }
                : null
            }
          />

          <MainSection id="vulns-title" title="Vulnerabilities">
            <RowsTable
              caption="Open vulnerabilities on this device"
              columns={["CVE", "Severity", "CVSS", "Software", "Fix", "Exploit"]}
              rows={device.vulnerabilities}
              empty="No open vulnerabilities in the cache for this device."
              row={(v) => (
                <tr key={`${v.cveId}-${v.productName}-${v.productVersion}`}>
                  <Td className="font-mono text-xs">{v.cveId}</Td>
                  <Td className="text-xs">{label("severity", v.severity)}</Td>
                  <Td className="text-xs">{v.cvssV3 ?? "—"}</Td>
                  <Td className="text-xs">
                    {v.productVendor} {v.productName} {v.productVersion}
                  </Td>
                  <Td className="text-xs">{v.fixingKbId ?? "—"}</Td>
                  <Td className="text-xs">{v.publicExploit ? "Public exploit" : "—"}</Td>
                </tr>
              )}
            />
          </MainSection>

          <MainSection id="recs-title" title="Recommendations">
            {device.recommendations.length === 0 ? (
              <p className="text-sm text-slate-600 dark:text-slate-400">
                No security recommendation in the cache applies to this device&apos;s vulnerable software.
              </p>
            ) : (
              <ul className="list-disc space-y-1 pl-5 text-sm">
                {device.recommendations.map((r) => (
                  <li key={r.id}>
                    {r.recommendationName}{" "}
                    <span className="text-xs text-slate-500">
                      (score {r.severityScore}
                      {r.publicExploit ? ", public exploit" : ""})
                    </span>
                  </li>
                ))}
              </ul>
            )}
          </MainSection>

          <MainSection id="users-title" title="Logged-on users">
            <RowsTable
              caption="Users seen logging on to this device"
              columns={["Account", "Logon types", "Last seen", "Domain admin"]}
              rows={device.logonUsers}
              empty={
                <>
                  No logon users in the cache
                  {device.primaryUserUpn ? `; Intune's primary user is ${device.primaryUserUpn}` : ""}.
                </>
              }
              row={(u) => (
                <tr key={`${u.accountDomain}\\${u.accountName}`}>
                  <Td className="text-xs">
                    {u.accountDomain ? `${u.accountDomain}\\${u.accountName}` : u.accountName}
                  </Td>
                  <Td className="text-xs">{u.logonTypes ?? "—"}</Td>
                  <Td className="text-xs">{formatUtc(u.lastSeen)}</Td>
                  <Td className="text-xs">{u.isDomainAdmin ? "Yes" : "No"}</Td>
                </tr>
              )}
            />
          </MainSection>

          <MainSection id="intune-title" title="Intune compliance">
            {device.inIntune ? (
              <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm sm:grid-cols-[auto_1fr_auto_1fr]">
                <Field label="Compliance">
                  <ComplianceBadge value={device.complianceState} />
                </Field>
                <Field label="Encrypted">
                  {device.isEncrypted === null ? null : device.isEncrypted ? "Yes" : "No"}
                </Field>
                <Field label="Managed by">
                  {device.managementAgent ? label("managementAgent", device.managementAgent) : null}
                </Field>
                <Field label="Primary user">
                  {device.primaryUserName
                    ? `${device.primaryUserName} (${device.primaryUserUpn ?? "no UPN"})`
                    : device.primaryUserUpn}
                </Field>
                <Field label="Last Intune sync">{formatUtc(device.lastIntuneSync)}</Field>
                <Field label="Model">{[device.manufacturer, device.model].filter(Boolean).join(" ") || null}</Field>
                <Field label="Serial number">{device.serialNumber}</Field>
                <Field label="Intune id">
                  <span className="font-mono text-xs">{device.intuneDeviceId}</span>
                </Field>
              </dl>
            ) : (
              <p className="text-sm text-slate-600 dark:text-slate-400">This device is not enrolled in Intune.</p>
            )}
          </MainSection>

          <MainSection id="timeline-title" title="Timeline">
            <ol
              className="space-y-2 border-l border-slate-200 pl-4 text-sm dark:border-slate-700"
              aria-label="What the console knows about this device, newest first"
            >
              {device.timeline.map((e, i) => (
                <li key={`${e.at}-${i}`} data-kind={e.kind}>
                  <span className="mr-2 whitespace-nowrap font-mono text-xs text-slate-500">{formatUtc(e.at)}</span>
                  <span className="mr-1 rounded bg-slate-100 px-1 text-xs uppercase text-slate-600 dark:bg-slate-800 dark:text-slate-300">
                    {e.kind}
                  </span>
                  {e.href ? (
                    <Link href={e.href} className="text-blue-800 hover:underline dark:text-blue-300">
                      {e.title}
                    </Link>
                  ) : (
                    e.title
                  )}
                  {e.detail ? (
                    <span className="block pl-1 text-xs text-slate-600 dark:text-slate-400">{e.detail}</span>
                  ) : null}
                </li>
              ))}
            </ol>
          </MainSection>
        </div>

        <aside
          aria-labelledby="response-title"
          className="h-fit rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900"
        >
          <h2 id="response-title" className="mb-3 text-lg font-semibold">
            Response
          </h2>
          <ResponsePanel
            device={toResponseDevice(device)}
            canRespond={canRespond}
            fourEyes={settings.fourEyes}
            initialActions={actions}
            renderedAt={renderedAt}
          />
        </aside>
      </div>
    </>
  );
}
