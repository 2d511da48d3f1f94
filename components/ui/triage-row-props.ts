import { cn } from "./cn";
import type { RowProps } from "./data-table";

export interface TriageRowState {
  focusedId: string | null;
  onFocusRow: (id: string) => void;
  /** Ids with a change on its way to Defender (dimmed until it lands or rolls back). */
  pending: ReadonlySet<string>;
}

/**
 * A triage list's row (the alert queue, the incident list): a click gives it the keyboard's focus; the focused row
 * is marked (aria-current) and ringed, and a row whose change is on its way to Defender is dimmed until it lands.
 * `idAttribute` names the row for tests and scripts (`data-alert-id`, `data-incident-id`).
 */
export function triageRowProps(
  id: string,
  idAttribute: `data-${string}`,
  { focusedId, onFocusRow, pending }: TriageRowState,
): RowProps {
  const focused = id === focusedId;
  const named: Record<`data-${string}`, string> = { [idAttribute]: id };
  return {
    ...named,
    "aria-current": focused ? "true" : undefined,
    onClick: () => onFocusRow(id),
    className: cn(
      focused
        ? "bg-blue-50 outline-2 -outline-offset-2 outline-blue-600 dark:bg-blue-950/40"
        : "hover:bg-slate-50 dark:hover:bg-slate-800/40",
      pending.has(id) && "opacity-60",
    ),
  };
}
