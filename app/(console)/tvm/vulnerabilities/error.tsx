"use client";

import { ErrorPanel } from "@/components/ui/error-panel";

export default function VulnerabilitiesError({
  error,
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  return <ErrorPanel title="The vulnerability list could not be loaded" digest={error.digest} onRetry={reset} />;
}
