import { NotFoundPanel } from "@/components/ui/not-found-panel";

export default function AlertNotFound() {
  return (
    <NotFoundPanel
      title="Alert not found"
      detail="The console's cache has no alert with this id. It may not be synced yet, or the link is wrong."
      backHref="/alerts"
      backLabel="Back to the alert queue"
    />
  );
}
