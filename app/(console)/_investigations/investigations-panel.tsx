import Link from "next/link";
import { MainSection } from "@/components/ui/card-section";
import { InvestigationTable } from "@/components/investigations/investigation-table";
import { listInvestigationsOf } from "@/lib/investigations";
import { StartInvestigation } from "./start-investigation";

// The automated investigations of one device, alert or incident, for its detail page; on a device page, "Start
// investigation" for those allowed to (the page decides, passing `start`).

type Of = { deviceId: string } | { alertId: string } | { incidentId: string };

export async function InvestigationsPanel({
  of,
  start,
}: {
  of: Of;
  start?: { deviceId: string; deviceName: string } | null;
}) {
  const rows = await listInvestigationsOf(of);
  const pending = rows.filter((r) => r.state === "PendingApproval").length;
  return (
    <MainSection id="investigations-title" title="Automated investigations">
      <div className="mb-2 flex flex-wrap items-center gap-3 text-sm">
        {pending ? (
          <span className="rounded bg-amber-100 px-1.5 py-0.5 text-xs font-medium text-amber-900 dark:bg-amber-950 dark:text-amber-100">
            {pending} pending approval
          </span>
        ) : null}
        <Link
          href={
            "deviceId" in of ? `/investigations?q=${encodeURIComponent(start?.deviceName ?? "")}` : "/investigations"
          }
          className="text-blue-800 hover:underline dark:text-blue-300"
        >
          All investigations
        </Link>
        {start ? <StartInvestigation deviceId={start.deviceId} deviceName={start.deviceName} /> : null}
      </div>
      <InvestigationTable
        rows={rows}
        showDevice={!("deviceId" in of)}
        label={"deviceId" in of ? "Automated investigations of this device" : "Automated investigations"}
        empty={
          "alertId" in of
            ? "Defender has not investigated this alert automatically (as far as the last sync saw)."
            : "incidentId" in of
              ? "No automated investigation was triggered by this incident's alerts (as far as the last sync saw)."
              : "No automated investigation of this device (as far as the last sync saw)."
        }
      />
    </MainSection>
  );
}
