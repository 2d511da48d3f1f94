import type { Metadata } from "next";
import type { ReactNode } from "react";
import Link from "next/link";
import { notFound } from "next/navigation";
import { PageHeader } from "@/components/ui/page-header";
import { ExposedDeviceTable } from "@/components/tvm/exposed-device-table";
import { exploitLabel } from "@/components/tvm/vulnerability-table";
import { CveSeverityBadge, Flag } from "@/components/tvm/severity-badge";
import { requireUser } from "@/lib/auth/page";
import { getVulnerability } from "@/lib/tvm";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: decodeURIComponent((await params).id) };
}

// /tvm/vulnerabilities/[id] — one CVE and the devices still exposed to it (in one device group with ?group=).
export default async function CvePage({ params, searchParams }: Props) {
  await requireUser("console:read");
  const id = decodeURIComponent((await params).id).slice(0, 100);
  const rawGroup = (await searchParams).group;
  const group = (Array.isArray(rawGroup) ? rawGroup[0] : rawGroup)?.slice(0, 200) ?? "";
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
      <p className="mb-2 text-sm">
        <Link href={`/tvm/vulnerabilities${group ? `?group=${encodeURIComponent(group)}` : ""}`} className="text-blue-700 underline dark:text-blue-300">
          ← Vulnerabilities
        </Link>
      </p>
      <PageHeader title={cve.id} description={cve.name !== cve.id ? cve.name : undefined} actions={cve.isZeroDay ? <Flag>Zero-day: no fix published</Flag> : undefined} />
      <div className="grid gap-4 lg:grid-cols-3">
        <section aria-labelledby="cve-facts" className="rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900">
          <h2 id="cve-facts" className="mb-2 text-sm font-semibold">
            Details
          </h2>
          <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1.5 text-sm">
            {facts.map(([k, v]) => (
              <div key={k} className="contents">
                <dt className="text-slate-600 dark:text-slate-400">{k}</dt>
                <dd className="break-words">{v}</dd>
              </div>
            ))}
          </dl>
          {cve.description ? <p className="mt-3 text-sm text-slate-700 dark:text-slate-300">{cve.description}</p> : null}
        </section>
        <section aria-labelledby="cve-devices" className="lg:col-span-2">
          <h2 id="cve-devices" className="mb-2 text-sm font-semibold">
            Exposed devices{group ? ` in ${group}` : ""}: <span data-testid="cve-exposed-count">{cve.exposedDevices}</span>
          </h2>
          <ExposedDeviceTable
            devices={cve.devices}
            caption={`Devices exposed to ${cve.id}`}
            empty={group ? `No device in ${group} is exposed to ${cve.id}.` : `No device is exposed to ${cve.id} any more.`}
          />
          {cve.truncated ? <p className="mt-2 text-xs text-slate-500">Showing the first {cve.devices.length} devices.</p> : null}
        </section>
      </div>
    </>
  );
}
