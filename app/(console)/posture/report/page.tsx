import type { Metadata } from "next";
import Link from "next/link";
import { ChecklistTable } from "@/components/posture/checklist-table";
import { PLAN_LABELS } from "@/components/posture/plan-notice";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth/page";
import { getPostureReport } from "@/lib/posture";
import { PrintButton } from "./print-button";

export const metadata: Metadata = { title: "Posture report" };

// /posture/report — the one page a manager prints: the headline figures and the implementation checklist with each
// item's state and evidence. The console's print stylesheet (app/globals.css) drops navigation and controls.
export default async function PostureReportPage() {
  await requireUser("console:read");
  const now = new Date();
  const { summary, checklist } = await getPostureReport(now);
  const f = summary.figures;
  const count = (state: string) => checklist.filter((c) => c.state === state).length;
  const figures: [string, number][] = [
    ["Onboarded to Defender", f.mdeDevices],
    ["Managed by Intune", f.intuneDevices],
    ["Enrolled, not onboarded", f.enrolledNotOnboarded],
    ["Signatures out of date", f.signaturesOutOfDate],
    ["Real-time protection off", f.realTimeProtectionOff],
    ["Tamper protection off", f.tamperProtectionOff],
    ["Antivirus passive", f.passiveMode],
    ["Mobile above allowed threat", f.mobileAboveAllowed],
  ];
  return (
    <div className="print-report space-y-4" data-testid="posture-report">
      <PageHeader
        title="Defender deployment report"
        description={`${PLAN_LABELS[summary.plan]}. Generated ${now.toISOString().slice(0, 16).replace("T", " ")} UTC from the console's cache.`}
        actions={
          <div className="no-print flex items-center gap-3">
            <Link className="text-sm text-blue-700 underline dark:text-blue-300" href="/posture">
              Back to posture
            </Link>
            <PrintButton />
          </div>
        }
      />
      <dl className="grid grid-cols-4 gap-2 text-sm">
        {figures.map(([label, n]) => (
          <div key={label} className="chart-panel rounded border border-slate-200 p-2 dark:border-slate-800">
            <dt className="text-xs text-slate-600 dark:text-slate-400">{label}</dt>
            <dd className="text-lg font-semibold tabular-nums">{n}</dd>
          </div>
        ))}
      </dl>
      <ChecklistTable
        items={checklist}
        title={`Implementation checklist: ${count("done")} done, ${count("partly")} partly, ${count("notDone")} not done, ${count("cannotTell")} cannot tell from the API`}
      />
    </div>
  );
}
