"use client";

import { ErrorPanel } from "@/components/ui/error-panel";

export default function SyncError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return <ErrorPanel title="Sync status could not be loaded" digest={error.digest} onRetry={reset} />;
}
