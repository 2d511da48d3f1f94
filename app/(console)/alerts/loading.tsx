import { ALERT_COLUMNS } from "@/components/alerts/alert-table";
import { PageSkeleton } from "@/components/ui/skeletons";

export default function Loading() {
  return <PageSkeleton label="Loading alerts…" filters={{ count: 2, width: "w-36" }} columns={ALERT_COLUMNS.map((c) => c.label)} cellPadding="px-2" />;
}
