import { NoMatches } from "@/components/ui/no-matches";
import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/ui/page-header";
import { formatUtc } from "@/components/ui/format";
import { EmptyRow, Table, Td, Th } from "@/components/ui/table";
import { buttonSecondary, inputBase } from "@/components/ui/button-styles";
import { requireUser } from "@/lib/auth/page";
import { listIncidents } from "@/lib/incidents";
import { IncidentFilter, INCIDENT_STATUSES } from "@/lib/incidents/schemas";
import { SEVERITIES } from "@/lib/alerts/schemas";
import { parseLeniently } from "@/lib/http/query-params";
import { IgnoredParameters } from "@/components/ui/ignored-parameters";

export const metadata: Metadata = { title: "Incidents" };

type Search = Record<string, string | string[] | undefined>;

// /incidents — a GET form keeps every filter in the URL, so the view can be shared.
export default async function IncidentsPage({ searchParams }: { searchParams: Promise<Search> }) {
  const actor = await requireUser("console:read");
  const search = await searchParams;
  const { value: filter, ignored } = parseLeniently(IncidentFilter, search);
  const cursor = typeof search.cursor === "string" ? search.cursor : undefined;
  const page = await listIncidents(actor, filter, { cursor, limit: 50 });
  const query = new URLSearchParams(Object.entries(search).flatMap(([k, v]) => (k === "cursor" || v === undefined || v === "" ? [] : (Array.isArray(v) ? v : [v]).map((x) => [k, x] as [string, string]))));
  const filtered = query.size > 0;
  return (
    <>
      <PageHeader title="Incidents" description="Defender XDR incidents correlating alerts across devices and users, newest change first." />
      <form method="get" role="search" aria-label="Filter incidents" className="mb-4 flex flex-wrap items-end gap-3">
        <label className="flex flex-col gap-1 text-xs font-medium">
          Search
          <input name="q" defaultValue={filter.q} className={inputBase} placeholder="incident name" />
        </label>
        <fieldset className="flex flex-col gap-1 text-xs font-medium">
          <legend>Status</legend>
          <div className="flex gap-2">
            {INCIDENT_STATUSES.map((s) => (
              <label key={s} className="flex items-center gap-1 font-normal">
                <input type="checkbox" name="status" value={s} defaultChecked={filter.status.includes(s)} /> {s}
              </label>
            ))}
          </div>
        </fieldset>
        <fieldset className="flex flex-col gap-1 text-xs font-medium">
          <legend>Severity</legend>
          <div className="flex gap-2">
            {SEVERITIES.map((s) => (
              <label key={s} className="flex items-center gap-1 font-normal">
                <input type="checkbox" name="severity" value={s} defaultChecked={filter.severity.includes(s)} /> {s}
              </label>
            ))}
          </div>
        </fieldset>
        <label className="flex flex-col gap-1 text-xs font-medium">
          Assigned to
          <input name="assignedTo" defaultValue={filter.assignedTo.join(",")} className={inputBase} placeholder="@me or name@contoso.com" />
        </label>
        <label className="flex flex-col gap-1 text-xs font-medium">
          Sort
          <select name="sort" defaultValue={filter.sort} className={inputBase}>
            <option value="updated">Last updated</option>
            <option value="created">Created</option>
          </select>
        </label>
        <button type="submit" className={buttonSecondary}>
          Apply
        </button>
        {filtered ? (
          <Link href="/incidents" className="text-sm text-blue-700 underline dark:text-blue-300">
            Clear filters
          </Link>
        ) : null}
      </form>
      <IgnoredParameters names={ignored} />
      <Table caption="Incidents">
        <thead>
          <tr>
            <Th>Incident</Th>
            <Th>Severity</Th>
            <Th>Status</Th>
            <Th>Alerts</Th>
            <Th>Devices</Th>
            <Th>Users</Th>
            <Th>Assigned to</Th>
            <Th>Last update (UTC)</Th>
          </tr>
        </thead>
        <tbody>
          {page.data.length === 0 ? (
            <EmptyRow colSpan={8}>
              {filtered ? (
                <NoMatches what="incidents" clearHref="/incidents" />
              ) : (
                "Nothing synced yet: no incidents in the cache."
              )}
            </EmptyRow>
          ) : (
            page.data.map((i) => (
              <tr key={i.id}>
                <Td>
                  <Link href={`/incidents/${i.id}`} className="font-medium text-blue-800 hover:underline dark:text-blue-300">
                    {i.name}
                  </Link>
                  <span className="block text-xs text-slate-500">#{i.id}</span>
                </Td>
                <Td className="text-xs">{i.severity}</Td>
                <Td className="text-xs">{i.status}</Td>
                <Td className="text-xs">{i.alertCount}</Td>
                <Td className="text-xs">{i.deviceCount}</Td>
                <Td className="text-xs">{i.userCount}</Td>
                <Td className="text-xs">{i.assignedTo ?? "—"}</Td>
                <Td className="whitespace-nowrap font-mono text-xs">{formatUtc(i.lastUpdateTime, "—", { zone: false })}</Td>
              </tr>
            ))
          )}
        </tbody>
      </Table>
      {page.nextCursor ? (
        <div className="mt-4">
          <Link className={buttonSecondary} href={`/incidents?${new URLSearchParams([...query, ["cursor", page.nextCursor]])}`}>
            Older incidents
          </Link>
        </div>
      ) : null}
    </>
  );
}
