"use client";

import { ErrorPanel } from "@/components/ui/error-panel";

export default function ActionsError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return <ErrorPanel title="The action center could not be loaded" digest={error.digest} onRetry={reset} />;
}
