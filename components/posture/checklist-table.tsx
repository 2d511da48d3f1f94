"use client";

import Link from "next/link";
import { ChartPanel } from "@/components/charts/chart-panel";
import type { Column } from "@/components/charts/data-table";
import { cn } from "@/components/ui/cn";
import type { ChecklistItem, ChecklistState } from "@/lib/posture/schemas";

export const CHECKLIST_STATE_LABELS: Record<ChecklistState, string> = {
  done: "Done",
  partly: "Partly",
  notDone: "Not done",
  cannotTell: "Cannot tell from the API",
};

const STATE_CLASSES: Record<ChecklistState, string> = {
  done: "bg-emerald-100 text-emerald-900 dark:bg-emerald-950 dark:text-emerald-200",
  partly: "bg-amber-100 text-amber-900 dark:bg-amber-950 dark:text-amber-200",
  notDone: "bg-red-100 text-red-900 dark:bg-red-950 dark:text-red-200",
  cannotTell: "bg-slate-100 text-slate-800 dark:bg-slate-800 dark:text-slate-200",
};

export function ChecklistState({ state }: { state: ChecklistState }) {
  return (
    <span className={cn("whitespace-nowrap rounded px-1.5 py-0.5 text-xs font-medium", STATE_CLASSES[state])}>
      {CHECKLIST_STATE_LABELS[state]}
    </span>
  );
}

/** A console link, or Microsoft's page in a new tab. */
export function ActLink({ href, children }: { href: string; children: string }) {
  const cls = "text-blue-700 underline dark:text-blue-300";
  return href.startsWith("/") ? (
    <Link className={cls} href={href}>
      {children}
    </Link>
  ) : (
    <a className={cls} href={href} target="_blank" rel="noreferrer">
      {children}
    </a>
  );
}

const columns: Column<ChecklistItem>[] = [
  { key: "section", label: "Area", value: (r) => r.section },
  { key: "title", label: "Item", value: (r) => r.title },
  {
    key: "state",
    label: "State",
    value: (r) => CHECKLIST_STATE_LABELS[r.state],
    render: (r) => <ChecklistState state={r.state} />,
  },
  { key: "evidence", label: "Evidence", value: (r) => r.evidence },
  {
    key: "act",
    label: "Act",
    value: (r) => r.href,
    render: (r) => <ActLink href={r.href}>{r.hrefLabel}</ActLink>,
  },
];

/** The guide's implementation checklist with each item's live state, evidence and where to act. */
export function ChecklistTable({
  items,
  title,
  description,
}: {
  items: ChecklistItem[];
  title: string;
  description?: string;
}) {
  return (
    <ChartPanel
      testId="posture-checklist"
      title={title}
      description={description}
      rows={items}
      columns={columns}
      rowKey={(r) => r.id}
      csvName="posture-checklist"
      empty="No checklist items."
      tableOnly
    />
  );
}
