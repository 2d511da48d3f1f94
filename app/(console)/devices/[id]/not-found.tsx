import { NotFoundPanel } from "@/components/ui/not-found-panel";

export default function DeviceNotFound() {
  return (
    <NotFoundPanel
      title="Device not found"
      detail="The console's cache has no device with this id. It may not be synced yet, or the link is wrong."
      backHref="/devices"
      backLabel="Back to the device inventory"
    />
  );
}
