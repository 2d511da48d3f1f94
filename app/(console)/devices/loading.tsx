import { deviceColumns } from "@/components/devices/device-table";
import { PageSkeleton } from "@/components/ui/skeletons";

export default function Loading() {
  return (
    <PageSkeleton
      label="Loading devices…"
      filters={{ count: 5, width: "w-24" }}
      columns={deviceColumns(0).map((c) => String(c.header))}
      cellPadding="px-2"
    />
  );
}
