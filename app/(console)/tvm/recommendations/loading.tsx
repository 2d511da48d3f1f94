import { RECOMMENDATION_COLUMNS } from "@/components/tvm/recommendation-table";
import { PageSkeleton } from "@/components/ui/skeletons";

export default function Loading() {
  return (
    <PageSkeleton label="Loading recommendations…" titleWidth="w-72" panel columns={RECOMMENDATION_COLUMNS} rows={10} />
  );
}
