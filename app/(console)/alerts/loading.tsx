import { alertColumns } from "@/components/alerts/alert-table";
import { PageSkeleton } from "@/components/ui/skeletons";

export default function Loading() {
  return (
    <PageSkeleton
      label="Loading alerts…"
      filters={{ count: 2, width: "w-36" }}
      columns={alertColumns(0).map((c) => String(c.header))}
      cellPadding="px-2"
    />
  );
}
