"use client";

import { lazy, Suspense, useEffect } from "react";
import { useHydrated } from "@/components/ui/use-hydrated";
import KqlWorkbenchLoading from "./loading";
import type { KqlWorkbenchProps } from "./index";

// The editor (CodeMirror, the KQL worker) in its own chunk, fetched when the page first renders in the browser.
// Unlike next/dynamic's `loading`, the placeholder here receives the props, so what is typed before the editor
// arrives is kept.
const KqlWorkbench = lazy(() => import("./index"));

export function LazyKqlWorkbench(props: KqlWorkbenchProps) {
  const hydrated = useHydrated();
  useEffect(() => {
    // The floor for the editor's readiness in `npm run bench:hunting-page`: the page is hydrated, the textarea live.
    if (hydrated && performance.getEntriesByName("kql-placeholder-ready").length === 0)
      performance.mark("kql-placeholder-ready");
  }, [hydrated]);
  const placeholder = <KqlWorkbenchLoading {...props} />;
  if (!hydrated) return placeholder;
  return (
    <Suspense fallback={placeholder}>
      <KqlWorkbench {...props} />
    </Suspense>
  );
}
