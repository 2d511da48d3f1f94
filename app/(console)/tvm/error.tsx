"use client";

import { ErrorPanel } from "@/components/ui/error-panel";

export default function TvmError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return <ErrorPanel title="The vulnerability dashboard could not be loaded" digest={error.digest} onRetry={reset} />;
}
