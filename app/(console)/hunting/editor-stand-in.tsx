"use client";
// stand-in page: replaced by the server branch

import { useState } from "react";
import { LazyKqlWorkbench } from "@/components/hunting/editor/lazy";

export function EditorStandIn() {
  const [query, setQuery] = useState("DeviceProcessEvents\n| where Timestamp > ago(1d)\n| take 100");
  const [runs, setRuns] = useState(0);
  return (
    <div className="flex flex-col gap-2">
      <LazyKqlWorkbench value={query} onChange={setQuery} onRun={() => setRuns((n) => n + 1)} />
      <p className="text-xs text-slate-500" data-testid="stand-in-runs">
        Run requested {runs} time(s)
      </p>
    </div>
  );
}
