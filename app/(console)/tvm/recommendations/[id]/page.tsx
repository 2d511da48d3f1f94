import type { Metadata } from "next";
import { BackLink } from "@/components/ui/back-link";
import { FactsPanel } from "@/components/tvm/facts-panel";
import { notFound } from "next/navigation";
import { PageHeader } from "@/components/ui/page-header";
import { ExposedDeviceTable } from "@/components/tvm/exposed-device-table";
import { Flag } from "@/components/tvm/severity-badge";
import { requireUser } from "@/lib/auth/page";
import { parseLeniently } from "@/lib/http/query-params";
import { IgnoredParameters } from "@/components/ui/ignored-parameters";
import { GroupScope, groupQuery } from "@/lib/tvm/schemas";
import { getRecommendation, listDeviceGroups, listRemediationRequests } from "@/lib/tvm";
import { RemediationPanel } from "./_components/remediation-panel";
import { label } from "@/lib/labels";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: decodeURIComponent((await params).id) };
}

// /tvm/recommendations/[id] — one recommendation, its exposed devices and its remediation requests.
export default async function RecommendationPage({ params, searchParams }: Props) {
  const actor = await requireUser("console:read");
  const id = decodeURIComponent((await params).id).slice(0, 300);
  const {
    value: { group },
    ignored,
  } = parseLeniently(GroupScope, await searchParams);
  const now = new Date();
  const [rec, requests, groups] = await Promise.all([
    getRecommendation(id, group),
    listRemediationRequests({ recommendationId: id }, now),
    listDeviceGroups(),
  ]);
  if (!rec) notFound();
  const facts: [string, string][] = [
    ["Remediation", label("remediationType", rec.remediationType)],
    ["Product", [rec.vendor, rec.productName].filter(Boolean).join(" ") || "—"],
    ["Recommended version", rec.recommendedVersion ?? "—"],
    ["Severity score", rec.severityScore.toFixed(1)],
    ["Exposure score impact", String(rec.exposureImpact)],
    ["Secure score impact", String(rec.configScoreImpact)],
    ["Weaknesses", String(rec.weaknesses)],
    ["Exposed devices", `${rec.exposedDevices} of ${rec.totalDevices}${rec.exposedInScope ? "" : " (tenant-wide)"}`],
  ];
  return (
    <>
      <BackLink href={`/tvm/recommendations${groupQuery(group)}`}>Recommendations</BackLink>
      <IgnoredParameters names={ignored} />
      <PageHeader
        title={rec.name}
        description={rec.category ?? undefined}
        actions={rec.publicExploit ? <Flag>Exploit available</Flag> : undefined}
      />
      <div className="grid gap-4 lg:grid-cols-3">
        <FactsPanel id="rec-facts" facts={facts} />
        <div className="lg:col-span-2">
          <RemediationPanel
            recommendationId={rec.id}
            requests={requests}
            canCreate={actor.permissions.has("tvm:report")}
            groups={groups}
            group={group}
            tenantWideOnly={rec.softwareId === null}
            today={now.toISOString().slice(0, 10)}
          />
        </div>
      </div>
      <section aria-labelledby="rec-devices" className="mt-6">
        <h2 id="rec-devices" className="mb-2 text-base font-semibold">
          Exposed devices{group ? ` in ${group}` : ""}
        </h2>
        {rec.softwareId ? (
          <ExposedDeviceTable
            devices={rec.devices}
            caption={`Devices exposed through ${rec.name}`}
            empty="No device is exposed any more."
          />
        ) : (
          <p className="text-sm text-slate-600 dark:text-slate-400">
            Defender reports configuration recommendations as a tenant-wide count; the device list is in the Defender
            portal.
          </p>
        )}
        {rec.truncated ? (
          <p className="mt-2 text-xs text-slate-500">Showing the first {rec.devices.length} devices.</p>
        ) : null}
      </section>
    </>
  );
}
