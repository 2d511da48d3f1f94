import type { Metadata } from "next";
import type { ReactNode } from "react";
import { BackLink } from "@/components/ui/back-link";
import { FactsPanel } from "@/components/tvm/facts-panel";
import { notFound } from "next/navigation";
import { PageHeader } from "@/components/ui/page-header";
import { ExposedDeviceTable } from "@/components/tvm/exposed-device-table";
import { exploitLabel } from "@/components/tvm/vulnerability-table";
import { CveSeverityBadge, Flag } from "@/components/tvm/severity-badge";
import { requireUser } from "@/lib/auth/page";
import { parseLeniently } from "@/lib/http/query-params";
import { IgnoredParameters } from "@/components/ui/ignored-parameters";
import { GroupScope, groupQuery } from "@/lib/tvm/schemas";
import { getVulnerability } from "@/lib/tvm";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: decodeURIComponent((await params).id) };
}

// /tvm/vulnerabilities/[id] — one CVE and the devices still exposed to it (in one device group with ?group=).
export default async function CvePage({ params, searchParams }: Props) {
  await requireUser("console:read");
  const id = decodeURIComponent((await params).id).slice(0, 100);
  const {
    value: { group },
    ignored,
  } = parseLeniently(GroupScope, await searchParams);
  const cve = await getVulnerability(id, group);
  if (!cve) notFound();
  const exploit = exploitLabel(cve);
  const facts: [string, ReactNode][] = [
    ["Severity", <CveSeverityBadge key="s" severity={cve.severity} />],
    ["CVSS v3", cve.cvssV3?.toFixed(1) ?? "—"],
    ["Vector", cve.cvssVector ?? "—"],
    ["Exploitability", exploit ? <Flag key="e">{exploit}</Flag> : "No known exploit"],
    ["Exploit types", cve.exploitTypes.join(", ") || "—"],
    ["Published", cve.publishedOn?.slice(0, 10) ?? "—"],
    ["Updated", cve.updatedOn?.slice(0, 10) ?? "—"],
    ["Affected software", cve.software.join(", ") || "—"],
  ];
  return (
    <>
      <BackLink href={`/tvm/vulnerabilities${groupQuery(group)}`}>Vulnerabilities</BackLink>
      <IgnoredParameters names={ignored} />
      <PageHeader
        title={cve.id}
        description={cve.name !== cve.id ? cve.name : undefined}
        actions={cve.isZeroDay ? <Flag>Zero-day: no fix published</Flag> : undefined}
      />
      <div className="grid gap-4 lg:grid-cols-3">
        <FactsPanel id="cve-facts" facts={facts}>
          {cve.description ? (
            <p className="mt-3 text-sm text-slate-700 dark:text-slate-300">{cve.description}</p>
          ) : null}
        </FactsPanel>
        <section aria-labelledby="cve-devices" className="lg:col-span-2">
          <h2 id="cve-devices" className="mb-2 text-sm font-semibold">
            Exposed devices{group ? ` in ${group}` : ""}:{" "}
            <span data-testid="cve-exposed-count">{cve.exposedDevices}</span>
          </h2>
          <ExposedDeviceTable
            devices={cve.devices}
            caption={`Devices exposed to ${cve.id}`}
            empty={
              group ? `No device in ${group} is exposed to ${cve.id}.` : `No device is exposed to ${cve.id} any more.`
            }
          />
          {cve.truncated ? (
            <p className="mt-2 text-xs text-slate-500">Showing the first {cve.devices.length} devices.</p>
          ) : null}
        </section>
      </div>
    </>
  );
}
