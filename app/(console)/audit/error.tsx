"use client";

import { ErrorPanel } from "@/components/ui/error-panel";

export default function AuditError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return <ErrorPanel title="The audit log could not be loaded" digest={error.digest} onRetry={reset} />;
}
