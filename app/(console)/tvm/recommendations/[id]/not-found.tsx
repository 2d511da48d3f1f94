import { NotFoundPanel } from "@/components/ui/not-found-panel";

export default function RecommendationNotFound() {
  return (
    <NotFoundPanel
      title="Recommendation not found"
      detail="The console's cache has no recommendation with this id. It may not be synced yet, or the link is wrong."
      backHref="/tvm/recommendations"
      backLabel="Back to recommendations"
    />
  );
}
