"use client";

import { ErrorPanel } from "@/components/ui/error-panel";

export default function DevicesError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return <ErrorPanel title="The device inventory could not be loaded" digest={error.digest} onRetry={reset} />;
}
