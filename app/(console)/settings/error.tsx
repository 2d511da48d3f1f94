"use client";

import { ErrorPanel } from "@/components/ui/error-panel";

export default function SettingsError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return <ErrorPanel title="Settings could not be loaded" digest={error.digest} onRetry={reset} />;
}
