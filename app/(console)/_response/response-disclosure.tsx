"use client";

import { useState, type ReactNode } from "react";

// A device's response controls behind a disclosure (the incident page lists several devices): the controls mount,
// and fetch that device's actions, only once the responder opens them.

export function ResponseDisclosure({ summary, children }: { summary: ReactNode; children: ReactNode }) {
  const [opened, setOpened] = useState(false);
  return (
    <details
      className="rounded-md border border-slate-200 p-2 dark:border-slate-700"
      onToggle={(e) => e.currentTarget.open && setOpened(true)}
    >
      <summary className="cursor-pointer text-sm">{summary}</summary>
      {opened ? <div className="mt-3">{children}</div> : null}
    </details>
  );
}
