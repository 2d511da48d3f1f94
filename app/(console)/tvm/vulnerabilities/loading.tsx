import { VULNERABILITY_COLUMNS } from "@/components/tvm/vulnerability-table";
import { PageSkeleton } from "@/components/ui/skeletons";

export default function Loading() {
  return (
    <PageSkeleton
      label="Loading vulnerabilities…"
      titleWidth="w-48"
      columns={VULNERABILITY_COLUMNS.map((c) => c.label)}
    />
  );
}
