import { NotFoundPanel } from "@/components/ui/not-found-panel";

export default function CveNotFound() {
  return (
    <NotFoundPanel
      title="Vulnerability not found"
      detail="The console's cache has no CVE with this id. It may not be synced yet, or the link is wrong."
      backHref="/tvm/vulnerabilities"
      backLabel="Back to vulnerabilities"
    />
  );
}
