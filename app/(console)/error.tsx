"use client";

import { ErrorPanel } from "@/components/ui/error-panel";

export default function ConsoleError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return <ErrorPanel title="Something went wrong" digest={error.digest} onRetry={reset} />;
}
