"use client";

import { ErrorPanel } from "@/components/ui/error-panel";

export default function IncidentsError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return <ErrorPanel title="Incidents could not be loaded" digest={error.digest} onRetry={reset} />;
}
