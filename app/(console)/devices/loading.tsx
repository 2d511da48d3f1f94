import { DEVICE_COLUMNS } from "@/components/devices/device-table";
import { PageSkeleton } from "@/components/ui/skeletons";

export default function Loading() {
  return <PageSkeleton label="Loading devices…" filters={{ count: 5, width: "w-24" }} columns={DEVICE_COLUMNS.map((c) => c.label)} cellPadding="px-2" />;
}
