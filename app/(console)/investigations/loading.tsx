import { PageSkeleton } from "@/components/ui/skeletons";

export default function Loading() {
  return <PageSkeleton label="Loading investigations…" filters={{ count: 3, width: "w-28", gap: "gap-2" }} rows={10} />;
}
