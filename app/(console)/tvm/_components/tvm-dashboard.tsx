"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { CategoryBarChart } from "@/components/charts/category-bar-chart";
import { ChartPanel } from "@/components/charts/chart-panel";
import type { Column } from "@/components/charts/data-table";
import { EXPOSURE_COLORS, SERIES_COLORS, SEVERITY_COLORS } from "@/components/charts/palette";
import { TimeSeriesChart } from "@/components/charts/time-series-chart";
import { buttonSecondary } from "@/components/ui/button-styles";
import { GroupSelect } from "@/components/tvm/group-select";
import { Change, KpiTile } from "@/components/tvm/kpi-tile";
import { formatRelative } from "@/components/ui/format";
import {
  TREND_RANGES,
  dashboardSearch,
  groupQuery,
  type ExposureBucket,
  type GroupScore,
  type ScorePoint,
  type SeverityPoint,
  type TopDevice,
  type TopRecommendation,
  type TopSoftware,
  type TvmDashboard,
} from "@/lib/tvm/schemas";
import { cn } from "@/components/ui/cn";
import { label } from "@/lib/labels";

const SEVERITY_SERIES = (["critical", "high", "medium", "low"] as const).map((k) => ({
  key: k,
  label: k[0].toUpperCase() + k.slice(1),
  color: SEVERITY_COLORS[k[0].toUpperCase() + k.slice(1)],
}));

const scoreColumns: Column<ScorePoint>[] = [
  { key: "day", label: "Day", value: (r) => r.day },
  { key: "score", label: "Score", value: (r) => r.score, numeric: true },
];

const severityColumns: Column<SeverityPoint>[] = [
  { key: "day", label: "Day", value: (r) => r.day },
  ...SEVERITY_SERIES.map((s) => ({ key: s.key, label: s.label, value: (r: SeverityPoint) => r[s.key], numeric: true })),
];

const distributionColumns: Column<ExposureBucket>[] = [
  { key: "level", label: "Exposure level", value: (r) => r.level },
  { key: "devices", label: "Devices", value: (r) => r.devices, numeric: true },
];

const groupScoreColumns: Column<GroupScore>[] = [
  {
    key: "group",
    label: "Device group",
    value: (r) => r.group,
    render: (r) => (
      <Link className="text-blue-700 underline dark:text-blue-300" href={`/tvm${groupQuery(r.group)}`}>
        {r.group}
      </Link>
    ),
  },
  { key: "score", label: "Exposure score", value: (r) => r.score, numeric: true },
];

function recommendationColumns(group: string): Column<TopRecommendation>[] {
  return [
    {
      key: "name",
      label: "Recommendation",
      value: (r) => r.name,
      render: (r) => (
        <Link
          className="text-blue-700 underline dark:text-blue-300"
          href={`/tvm/recommendations/${encodeURIComponent(r.id)}${groupQuery(group)}`}
        >
          {r.name}
        </Link>
      ),
    },
    { key: "type", label: "Remediation", value: (r) => r.remediationType ?? "" },
    { key: "exposureImpact", label: "Exposure impact", value: (r) => r.exposureImpact, numeric: true },
    { key: "configScoreImpact", label: "Secure score impact", value: (r) => r.configScoreImpact, numeric: true },
    {
      key: "exposed",
      label: "Exposed devices",
      value: (r) => r.exposedDevices,
      render: (r) => (
        <>
          {r.exposedDevices}
          {r.exposedInScope ? "" : " (tenant-wide)"}
        </>
      ),
      numeric: true,
    },
  ];
}

const deviceColumns: Column<TopDevice>[] = [
  {
    key: "name",
    label: "Device",
    value: (r) => r.name,
    render: (r) => (
      <Link className="text-blue-700 underline dark:text-blue-300" href={`/devices/${r.id}`}>
        {r.name}
      </Link>
    ),
  },
  { key: "group", label: "Group", value: (r) => r.group ?? "" },
  {
    key: "exposure",
    label: "Exposure",
    value: (r) => (r.exposureLevel ? label("exposureLevel", r.exposureLevel) : ""),
  },
  ...SEVERITY_SERIES.map((s) => ({ key: s.key, label: s.label, value: (r: TopDevice) => r[s.key], numeric: true })),
];

const softwareColumns: Column<TopSoftware>[] = [
  { key: "name", label: "Software", value: (r) => `${r.vendor} ${r.name}` },
  { key: "vulnerabilities", label: "Vulnerabilities", value: (r) => r.vulnerabilities, numeric: true },
  { key: "critical", label: "Critical", value: (r) => r.critical, numeric: true },
  { key: "exposed", label: "Exposed devices", value: (r) => r.exposedDevices, numeric: true },
];

export function TvmDashboardView({ data, now }: { data: TvmDashboard; now: number }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const search = dashboardSearch({ group: data.group, range: data.range });
  const scope = data.group || "all device groups";
  const noSync = "Nothing synced yet: the first vulnerability sync fills this.";
  const listHref = (extra: string) =>
    `/tvm/vulnerabilities?${new URLSearchParams({ ...(data.group ? { group: data.group } : {}), [extra]: "1" })}`;
  const csv = (name: string) =>
    `tvm-${name}${data.group ? `-${data.group.replaceAll(/[^\w-]+/g, "_")}` : ""}-${data.range}d`;
  // With a tenant-wide Secure Score the distribution moves down to make room for its trend; the panel is the same.
  const exposureDistribution = (description: string, empty: string) => (
    <ChartPanel
      title="Exposure distribution"
      description={description}
      rows={data.distribution.some((b) => b.devices > 0) ? data.distribution : []}
      columns={distributionColumns}
      rowKey={(r) => r.level}
      csvName={csv("exposure-distribution")}
      empty={empty}
      chart={
        <CategoryBarChart
          data={data.distribution.map((d) => ({ ...d }))}
          categoryKey="level"
          series={[{ key: "devices", label: "Devices", color: SERIES_COLORS[0] }]}
          colorOf={(l) => EXPOSURE_COLORS[l]}
          label="Devices by exposure level"
        />
      }
    />
  );

  return (
    <div className="print-report space-y-4" aria-busy={pending}>
      <div className="no-print flex flex-wrap items-center gap-4">
        <GroupSelect groups={data.groups} value={data.group} base="/tvm" search={search} />
        <div
          role="group"
          aria-label="Trend window"
          className="inline-flex overflow-hidden rounded-md border border-slate-300 text-sm dark:border-slate-600"
        >
          {TREND_RANGES.map((r) => (
            <button
              key={r}
              type="button"
              aria-pressed={data.range === r}
              onClick={() =>
                startTransition(() => router.push(`/tvm?${dashboardSearch({ group: data.group, range: r })}`))
              }
              className={cn(
                "px-2.5 py-1 focus-visible:outline-2 focus-visible:outline-blue-600",
                data.range === r
                  ? "bg-slate-800 text-white dark:bg-slate-200 dark:text-slate-900"
                  : "hover:bg-slate-100 dark:hover:bg-slate-800",
              )}
            >
              {r} days
            </button>
          ))}
        </div>
        <button type="button" className={buttonSecondary} onClick={() => window.print()}>
          Print report
        </button>
        <p className="text-xs text-slate-500 dark:text-slate-400">
          {data.lastSyncAt
            ? `Vulnerability data synced ${formatRelative(data.lastSyncAt, now)}.`
            : "Vulnerability data not synced yet."}
        </p>
      </div>
      <p className="hidden text-sm print:block">
        Exposure report for {scope}, last {data.range} days, printed {new Date(now).toISOString().slice(0, 10)}.
      </p>

      <div className="print-grid print-kpis grid grid-cols-2 gap-3 md:grid-cols-3 xl:grid-cols-6">
        <KpiTile
          label="Exposure score"
          testId="kpi-exposure"
          value={data.exposure.now === null ? null : data.exposure.now.toFixed(1)}
          hint="No score synced yet"
          detail={data.exposure.now === null ? undefined : <Change change={data.exposure.change} goodWhenDown />}
        />
        <KpiTile
          label="Secure Score for Devices"
          testId="kpi-secure"
          value={data.secure?.now != null ? `${data.secure.now.toFixed(1)}%` : null}
          hint={data.secure ? "No score synced yet" : "Defender reports it tenant-wide only"}
          detail={
            data.secure?.now != null ? (
              <Change change={data.secure.change} goodWhenDown={false} unit=" pts" />
            ) : undefined
          }
        />
        <KpiTile
          label="Exposed devices"
          testId="kpi-exposed-devices"
          value={data.counts ? String(data.counts.exposedDevices) : null}
          hint={noSync}
        />
        <KpiTile
          label="Open vulnerabilities"
          testId="kpi-vulnerabilities"
          value={data.counts ? String(data.counts.total) : null}
          hint={noSync}
          href={`/tvm/vulnerabilities${groupQuery(data.group)}`}
          detail={data.counts ? `${data.counts.critical} critical` : undefined}
        />
        <KpiTile
          label="Zero-days"
          testId="kpi-zero-day"
          value={data.counts ? String(data.counts.zeroDay) : null}
          hint={noSync}
          href={listHref("zeroDay")}
          detail="No fix published yet"
        />
        <KpiTile
          label="Exploit available"
          testId="kpi-exploitable"
          value={data.counts ? String(data.counts.exploitable) : null}
          hint={noSync}
          href={listHref("exploit")}
          detail="Public, verified or in a kit"
        />
      </div>

      <div className="print-grid grid gap-3 lg:grid-cols-2">
        <ChartPanel
          testId="exposure-trend"
          title={`Exposure score, last ${data.range} days`}
          description={`${scope}: 0–100, lower is better. One point per day the console synced it.`}
          rows={data.exposure.trend}
          columns={scoreColumns}
          rowKey={(r) => r.day}
          csvName={csv("exposure-score")}
          empty="No exposure score in this window yet. Scores are recorded once a day by the sync."
          chart={
            <TimeSeriesChart
              data={data.exposure.trend.map((p) => ({ ...p }))}
              series={[{ key: "score", label: "Exposure score", color: SERIES_COLORS[1] }]}
              domain={[0, 100]}
              label={`Exposure score trend for ${scope}`}
            />
          }
        />
        {data.secure ? (
          <ChartPanel
            testId="secure-trend"
            title={`Secure Score for Devices, last ${data.range} days`}
            description="Whole tenant: percent of the maximum, higher is better."
            rows={data.secure.trend}
            columns={scoreColumns}
            rowKey={(r) => r.day}
            csvName={csv("secure-score")}
            empty="No Secure Score in this window yet."
            chart={
              <TimeSeriesChart
                data={data.secure.trend.map((p) => ({ ...p }))}
                series={[{ key: "score", label: "Secure Score %", color: SERIES_COLORS[0] }]}
                domain={[0, 100]}
                label="Secure Score for Devices trend"
              />
            }
          />
        ) : (
          exposureDistribution(
            `Devices in ${scope} by Defender's exposure level.`,
            "No onboarded devices in this group.",
          )
        )}
        <ChartPanel
          title={`Vulnerabilities by severity, last ${data.range} days`}
          description={`Distinct CVEs open on ${scope}, as each day's sync saw them.${data.severityTrend.length === 1 ? " One day recorded so far: the trend grows with each day's sync." : ""}`}
          rows={data.severityTrend}
          columns={severityColumns}
          rowKey={(r) => r.day}
          csvName={csv("vulnerabilities-by-severity")}
          empty="No vulnerability counts recorded in this window yet."
          chart={
            <TimeSeriesChart
              data={data.severityTrend.map((p) => ({ ...p }))}
              series={SEVERITY_SERIES}
              stacked
              label={`Open vulnerabilities by severity for ${scope}`}
            />
          }
        />
        {data.secure
          ? exposureDistribution("Devices by Defender's exposure level.", "No onboarded devices synced yet.")
          : null}
        {data.group === "" ? (
          <ChartPanel
            title="Exposure score by device group"
            description="Latest score per group; select a group to see its own dashboard."
            rows={data.groupScores}
            columns={groupScoreColumns}
            rowKey={(r) => r.group}
            csvName={csv("exposure-by-group")}
            empty="Defender has not scored any device group yet."
            chart={
              <CategoryBarChart
                data={data.groupScores.map((g) => ({ ...g }))}
                categoryKey="group"
                horizontal
                domain={[0, 100]}
                series={[{ key: "score", label: "Exposure score", color: SERIES_COLORS[1] }]}
                label="Exposure score by device group"
              />
            }
          />
        ) : null}
        <ChartPanel
          title="Software with the most vulnerabilities"
          description={`Distinct open CVEs per product on ${scope}.`}
          rows={data.topSoftware}
          columns={softwareColumns}
          rowKey={(r) => r.softwareId}
          csvName={csv("top-software")}
          empty={data.counts ? "No vulnerable software in this group." : "Nothing synced yet."}
          chart={
            <CategoryBarChart
              data={data.topSoftware.map((s) => ({
                name: s.name.replaceAll("_", " "),
                vulnerabilities: s.vulnerabilities,
              }))}
              categoryKey="name"
              horizontal
              series={[{ key: "vulnerabilities", label: "Vulnerabilities", color: SERIES_COLORS[0] }]}
              label="Software with the most vulnerabilities"
            />
          }
        />
        <ChartPanel
          title="Top vulnerable devices"
          description="Ranked by critical, then high, medium and low exposures."
          rows={data.topDevices}
          columns={deviceColumns}
          rowKey={(r) => r.id}
          csvName={csv("top-devices")}
          empty={data.counts ? "No vulnerable devices in this group." : "Nothing synced yet."}
          chart={
            <CategoryBarChart
              data={data.topDevices.map((d) => ({
                name: d.name.split(".")[0],
                critical: d.critical,
                high: d.high,
                medium: d.medium,
                low: d.low,
              }))}
              categoryKey="name"
              horizontal
              series={SEVERITY_SERIES}
              label="Top vulnerable devices by severity"
            />
          }
        />
        <ChartPanel
          className="lg:col-span-2"
          title="Top 10 security recommendations"
          description="Ranked by Defender's exposure impact (how much the exposure score drops once done)."
          rows={data.topRecommendations}
          columns={recommendationColumns(data.group)}
          rowKey={(r) => r.id}
          csvName={csv("top-recommendations")}
          empty="No active recommendations synced for this group."
          tableOnly
        />
      </div>
    </div>
  );
}
