"use client";

import { ErrorPanel } from "@/components/ui/error-panel";

export default function AlertsError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return <ErrorPanel title="The alert queue could not be loaded" digest={error.digest} onRetry={reset} />;
}
