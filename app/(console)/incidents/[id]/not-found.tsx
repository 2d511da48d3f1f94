import { NotFoundPanel } from "@/components/ui/not-found-panel";

export default function IncidentNotFound() {
  return (
    <NotFoundPanel
      title="Incident not found"
      detail="The console's cache has no incident with this id."
      backHref="/incidents"
      backLabel="Back to incidents"
    />
  );
}
