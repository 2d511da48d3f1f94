import { PageSkeleton } from "@/components/ui/skeletons";

export default function Loading() {
  return <PageSkeleton label="Loading actions…" filters={{ count: 4, width: "w-28", gap: "gap-2" }} rows={10} />;
}
