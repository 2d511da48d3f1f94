"use client";

import Link from "next/link";
import { ChartPanel } from "@/components/charts/chart-panel";
import type { Column } from "@/components/charts/data-table";
import { SERIES_COLORS } from "@/components/charts/palette";
import { TimeSeriesChart } from "@/components/charts/time-series-chart";
import { ActLink, ChecklistTable } from "@/components/posture/checklist-table";
import { lacksPlan2, PLAN_LABELS, PLAN2_FEATURES, type Plan2Feature } from "@/components/posture/plan-notice";
import { Change, KpiTile } from "@/components/tvm/kpi-tile";
import { buttonSecondary } from "@/components/ui/button-styles";
import { formatRelative } from "@/components/ui/format";
import {
  postureDevicesHref,
  type MobileThreatLevels,
  type PlatformCoverage,
  type PostureFigures,
  type PostureReport,
  type PostureTrendPoint,
  type TroubleshootingIssue,
} from "@/lib/posture/schemas";
import { AsrSection } from "./asr-section";

// /posture's client container: the ten-second summary (headline figures with their trend from the daily snapshots)
// and the engineer's sections. Every figure links to the inventory filtered to its devices.

const link = "text-blue-700 underline dark:text-blue-300";
const TAB_OF_PLATFORM: Record<string, string> = {
  Windows: "windows",
  macOS: "macos",
  Linux: "linux",
  iOS: "mobile",
  Android: "mobile",
};

/** The change over the trend window of one figure (null with fewer than two points). */
function changeOf(trend: PostureTrendPoint[], key: keyof Omit<PostureTrendPoint, "day">): number | null {
  if (trend.length < 2) return null;
  return trend[trend.length - 1]![key] - trend[0]![key];
}

function Count({ n, href, label }: { n: number; href: string; label: string }) {
  return (
    <Link className={link} href={href} aria-label={`${n} ${label}`}>
      {n}
    </Link>
  );
}

function coverageColumns(): Column<PlatformCoverage>[] {
  const cell = (key: "intune" | "defender" | "both" | "intuneOnly", filter: string, label: string) => ({
    key,
    label,
    value: (r: PlatformCoverage) => r[key],
    numeric: true,
    render: (r: PlatformCoverage) =>
      TAB_OF_PLATFORM[r.platform] ? (
        <Count
          n={r[key]}
          href={postureDevicesHref(filter, TAB_OF_PLATFORM[r.platform])}
          label={`${r.platform} ${label}`}
        />
      ) : (
        r[key]
      ),
  });
  return [
    { key: "platform", label: "Platform", value: (r) => r.platform },
    cell("intune", "inIntune", "Intune-managed"),
    cell("defender", "inDefender", "Defender-onboarded"),
    { key: "both", label: "Both", value: (r) => r.both, numeric: true },
    cell("intuneOnly", "enrolledNotOnboarded", "Enrolled, not onboarded"),
    { key: "defenderOnly", label: "Defender only", value: (r) => r.defenderOnly, numeric: true },
  ];
}

interface AvRow {
  key: string;
  check: string;
  policy: string;
  devices: number;
  filter: string | null;
}

const avColumns: Column<AvRow>[] = [
  { key: "check", label: "Check", value: (r) => r.check },
  { key: "policy", label: "Expected (the guide)", value: (r) => r.policy },
  {
    key: "devices",
    label: "Devices failing",
    value: (r) => r.devices,
    numeric: true,
    render: (r) => (r.filter ? <Count n={r.devices} href={postureDevicesHref(r.filter)} label={r.check} /> : r.devices),
  },
];

const mobileColumns: Column<MobileThreatLevels>[] = [
  { key: "platform", label: "Platform", value: (r) => r.platform },
  { key: "allowed", label: "Allowed level (compliance)", value: (r) => r.allowedLevel ?? "Not required" },
  {
    key: "reported",
    label: "Reported levels",
    value: (r) =>
      Object.entries(r.reported)
        .map(([k, v]) => `${k}: ${v}`)
        .join(", ") || "None reported",
  },
  {
    key: "above",
    label: "Above allowed (blocked by Conditional Access)",
    value: (r) => r.aboveAllowed,
    numeric: true,
    render: (r) => (
      <Count
        n={r.aboveAllowed}
        href={postureDevicesHref("mobileAboveAllowed", "mobile")}
        label={`${r.platform} above allowed`}
      />
    ),
  },
];

const issueColumns: Column<TroubleshootingIssue>[] = [
  { key: "issue", label: "Issue", value: (r) => r.issue },
  {
    key: "affected",
    label: "Affected devices",
    value: (r) => r.affected,
    numeric: true,
    render: (r) =>
      r.affected === null ? (
        <span className="text-slate-500">Cannot tell from the API</span>
      ) : r.href ? (
        <ActLink href={r.href}>{String(r.affected)}</ActLink>
      ) : (
        r.affected
      ),
  },
  { key: "detection", label: "What the data shows", value: (r) => r.detection },
  { key: "cause", label: "Cause", value: (r) => r.cause },
  { key: "fix", label: "Fix", value: (r) => r.fix },
];

const trendSeries = [
  { key: "mdeDevices", label: "Onboarded to Defender", color: SERIES_COLORS[0] },
  { key: "enrolledNotOnboarded", label: "Enrolled, not onboarded", color: SERIES_COLORS[1] },
];
const protectionSeries = [
  { key: "signaturesOutOfDate", label: "Signatures out of date", color: SERIES_COLORS[0] },
  { key: "realTimeProtectionOff", label: "Real-time protection off", color: SERIES_COLORS[1] },
  { key: "tamperProtectionOff", label: "Tamper protection off", color: SERIES_COLORS[2] },
  { key: "mobileAboveAllowed", label: "Mobile above allowed", color: SERIES_COLORS[3] },
];
const trendColumns: Column<PostureTrendPoint>[] = [
  { key: "day", label: "Day", value: (r) => r.day },
  ...[...trendSeries, ...protectionSeries].map((s) => ({
    key: s.key,
    label: s.label,
    value: (r: PostureTrendPoint) => r[s.key as keyof PostureTrendPoint],
    numeric: true,
  })),
];

function Section({ id, title, children }: { id: string; title: string; children: React.ReactNode }) {
  return (
    <section id={id} aria-labelledby={`${id}-h`} className="scroll-mt-20 space-y-3">
      <h2 id={`${id}-h`} className="text-lg font-semibold">
        {title}
      </h2>
      {children}
    </section>
  );
}

const TILES: {
  key: keyof PostureFigures;
  label: string;
  filter: string;
  goodWhenDown: boolean;
  trendKey?: keyof Omit<PostureTrendPoint, "day">;
}[] = [
  {
    key: "mdeDevices",
    label: "Onboarded to Defender",
    filter: "inDefender",
    goodWhenDown: false,
    trendKey: "mdeDevices",
  },
  {
    key: "enrolledNotOnboarded",
    label: "Not onboarded",
    filter: "enrolledNotOnboarded",
    goodWhenDown: true,
    trendKey: "enrolledNotOnboarded",
  },
  {
    key: "signaturesOutOfDate",
    label: "Signatures out of date",
    filter: "signaturesOutOfDate",
    goodWhenDown: true,
    trendKey: "signaturesOutOfDate",
  },
  {
    key: "realTimeProtectionOff",
    label: "Real-time protection off",
    filter: "realTimeOff",
    goodWhenDown: true,
    trendKey: "realTimeProtectionOff",
  },
  {
    key: "tamperProtectionOff",
    label: "Tamper protection off",
    filter: "tamperOff",
    goodWhenDown: true,
    trendKey: "tamperProtectionOff",
  },
  { key: "passiveMode", label: "Antivirus passive", filter: "passiveMode", goodWhenDown: true },
  {
    key: "mobileAboveAllowed",
    label: "Mobile above allowed threat",
    filter: "mobileAboveAllowed",
    goodWhenDown: true,
    trendKey: "mobileAboveAllowed",
  },
];

export function PostureView({
  report,
  now,
  canEditExclusions,
}: {
  report: PostureReport;
  now: number;
  canEditExclusions: boolean;
}) {
  const { summary, trend, checklist, troubleshooting } = report;
  const f = summary.figures;
  const av = summary.antivirus;
  const synced = report.lastSyncAt !== null;
  const trend30 = trend.slice(-30);
  const done = checklist.filter((c) => c.state === "done").length;
  const lacking = lacksPlan2(summary.plan);
  const defenderConnectors = summary.connectors.filter((c) => c.isDefender);
  const avRows: AvRow[] = [
    {
      key: "sig",
      check: "Signatures out of date",
      policy: "Updated daily",
      devices: av.signaturesOutOfDate,
      filter: "signaturesOutOfDate",
    },
    {
      key: "rtp",
      check: "Real-time protection off",
      policy: "On",
      devices: av.realTimeProtectionOff,
      filter: "realTimeOff",
    },
    {
      key: "tamper",
      check: "Tamper protection off",
      policy: "On",
      devices: av.tamperProtectionOff,
      filter: "tamperOff",
    },
    {
      key: "passive",
      check: "Antivirus in passive mode",
      policy: "Active",
      devices: av.passiveMode,
      filter: "passiveMode",
    },
    { key: "disabled", check: "Antivirus disabled", policy: "Active", devices: av.disabled, filter: "avDisabled" },
    {
      key: "quick",
      check: "Quick scan overdue",
      policy: "Quick scan daily",
      devices: av.quickScanOverdue,
      filter: "quickScanOverdue",
    },
    {
      key: "full",
      check: "Full scan overdue",
      policy: "Full scan weekly",
      devices: av.fullScanOverdue,
      filter: "fullScanOverdue",
    },
  ];

  return (
    <div className="space-y-8">
      <div className="no-print flex flex-wrap items-center gap-3">
        <nav aria-label="Posture sections" className="flex flex-wrap gap-3 text-sm">
          {[
            ["coverage", "Coverage"],
            ["antivirus", "Antivirus & tamper"],
            ["asr", "ASR"],
            ["advisor", "ASR advisor"],
            ["mobile", "Mobile threat defense"],
            ["troubleshooting", "Troubleshooting"],
            ["checklist", "Checklist"],
            ["licence", "Licence"],
          ].map(([id, label]) => (
            <a key={id} className={link} href={`#${id}`}>
              {label}
            </a>
          ))}
        </nav>
        <Link className={buttonSecondary} href="/posture/report">
          Printable report
        </Link>
        <p className="text-xs text-slate-500 dark:text-slate-400">
          {synced ? `Posture synced ${formatRelative(report.lastSyncAt!, now)}.` : "Posture not synced yet."}
        </p>
      </div>

      <section aria-label="Summary" className="space-y-2">
        <p className="text-sm" data-testid="posture-headline">
          <strong>{f.mdeDevices}</strong> devices are onboarded to Defender and {f.intuneDevices} managed by Intune;{" "}
          <strong>{f.enrolledNotOnboarded}</strong> enrolled in Intune are not onboarded. {done} of {checklist.length}{" "}
          checklist items are done. Plan: {PLAN_LABELS[summary.plan]}.
        </p>
        <div className="grid grid-cols-2 gap-3 md:grid-cols-4 xl:grid-cols-7">
          {TILES.map((t) => (
            <KpiTile
              key={t.key}
              label={t.label}
              testId={`posture-${t.key}`}
              value={synced ? String(f[t.key]) : null}
              hint="Nothing synced yet"
              href={postureDevicesHref(t.filter)}
              detail={
                t.trendKey && synced ? (
                  <Change change={changeOf(trend30, t.trendKey)} goodWhenDown={t.goodWhenDown} unit=" devices" />
                ) : undefined
              }
            />
          ))}
        </div>
      </section>

      <Section id="coverage" title="Coverage">
        <div className="grid gap-3 lg:grid-cols-2">
          <ChartPanel
            title="Intune-managed vs Defender-onboarded"
            description="Per platform. Enrolled-not-onboarded devices should reach Defender within 24 hours of the EDR policy."
            rows={summary.coverage}
            columns={coverageColumns()}
            rowKey={(r) => r.platform}
            csvName="posture-coverage"
            empty="No devices synced yet."
            tableOnly
          />
          <ChartPanel
            testId="posture-onboarding-trend"
            title="Onboarding, last 90 days"
            description="One point per day the sync ran."
            rows={trend}
            columns={trendColumns}
            rowKey={(r) => r.day}
            csvName="posture-trend"
            empty="No posture snapshot yet: the sync records one a day."
            chart={
              <TimeSeriesChart data={trend.map((p) => ({ ...p }))} series={trendSeries} label="Onboarding trend" />
            }
          />
        </div>
        <div className="rounded-lg border border-slate-200 bg-white p-4 text-sm dark:border-slate-800 dark:bg-slate-900">
          <h3 className="font-semibold">Intune ↔ Defender connector</h3>
          {defenderConnectors.length === 0 ? (
            <p>No Microsoft Defender for Endpoint connector is configured in Intune.</p>
          ) : (
            defenderConnectors.map((c) => (
              <p key={c.id} data-testid="posture-connector">
                State {c.partnerState ?? "unknown"}; last heartbeat{" "}
                {c.lastHeartbeatAt ? formatRelative(c.lastHeartbeatAt, now) : "never"}
                {c.heartbeatLate ? (
                  <strong className="text-red-700 dark:text-red-300"> — late (over 24 hours)</strong>
                ) : null}
                . Platforms:{" "}
                {[
                  c.windowsEnabled && "Windows",
                  c.macEnabled && "macOS",
                  c.iosEnabled && "iOS",
                  c.androidEnabled && "Android",
                ]
                  .filter(Boolean)
                  .join(", ") || "none"}
                .
              </p>
            ))
          )}
        </div>
      </Section>

      <Section id="antivirus" title="Antivirus & tamper">
        <div className="grid gap-3 lg:grid-cols-2">
          <ChartPanel
            title="Devices failing each protection check"
            description={`Merged from Defender's antivirus health (${av.reporting} devices reporting) and Intune's protection state: a device counts once if either reports the problem.`}
            rows={avRows}
            columns={avColumns}
            rowKey={(r) => r.key}
            csvName="posture-antivirus"
            empty="No antivirus data synced yet."
            tableOnly
          />
          <ChartPanel
            title="Protection trend, last 90 days"
            rows={trend}
            columns={trendColumns}
            rowKey={(r) => r.day}
            csvName="posture-protection-trend"
            empty="No posture snapshot yet."
            chart={
              <TimeSeriesChart data={trend.map((p) => ({ ...p }))} series={protectionSeries} label="Protection trend" />
            }
          />
        </div>
      </Section>

      <Section id="asr" title="Attack surface reduction">
        <AsrSection rules={summary.asr} advisor={report.asr} now={now} canEditExclusions={canEditExclusions} />
      </Section>

      <Section id="mobile" title="Mobile threat defense">
        <ChartPanel
          title="Mobile devices' threat level against their compliance policy"
          description="A device reported above the level its platform's compliance policy allows is non-compliant, and Conditional Access blocks it."
          rows={summary.mobile}
          columns={mobileColumns}
          rowKey={(r) => r.platform}
          csvName="posture-mobile"
          empty="No mobile devices."
          tableOnly
        />
      </Section>

      <Section id="troubleshooting" title="Troubleshooting">
        <ChartPanel
          testId="posture-troubleshooting"
          title="The guide's common issues, detected from the tenant's data"
          rows={troubleshooting}
          columns={issueColumns}
          rowKey={(r) => r.id}
          csvName="posture-troubleshooting"
          empty="No issues."
          tableOnly
        />
      </Section>

      <Section id="checklist" title="Implementation checklist">
        <ChecklistTable
          items={checklist}
          title={`${done} of ${checklist.length} done`}
          description="Each item's state from the tenant's data; where no API can tell, it says so."
        />
        <p className="no-print text-sm">
          <Link className={link} href="/posture/report">
            Open the one-page report to print
          </Link>
        </p>
      </Section>

      <Section id="licence" title="Licence">
        <div
          data-testid="posture-licence"
          className="rounded-lg border border-slate-200 bg-white p-4 text-sm dark:border-slate-800 dark:bg-slate-900"
        >
          <p>
            <strong>{PLAN_LABELS[summary.plan]}</strong>, read from the tenant&apos;s subscribed SKUs.
          </p>
          {lacking ? (
            <ul className="mt-2 list-disc space-y-1 pl-5">
              {(Object.keys(PLAN2_FEATURES) as Plan2Feature[]).map((k) => (
                <li key={k}>
                  <strong>{PLAN2_FEATURES[k].title}</strong> (Plan 2): {PLAN2_FEATURES[k].what} Not in this plan, so the
                  console explains it where it would appear instead of failing.
                </li>
              ))}
            </ul>
          ) : (
            <p className="mt-1">Advanced hunting, vulnerability management, AIR and live response are all included.</p>
          )}
        </div>
      </Section>
    </div>
  );
}
