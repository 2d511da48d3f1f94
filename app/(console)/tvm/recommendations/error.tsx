"use client";

import { ErrorPanel } from "@/components/ui/error-panel";

export default function RecommendationsError({
  error,
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  return <ErrorPanel title="The recommendations could not be loaded" digest={error.digest} onRetry={reset} />;
}
