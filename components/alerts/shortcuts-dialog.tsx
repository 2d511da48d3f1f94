"use client";

import { useModalDialog } from "@/components/ui/use-modal-dialog";

/** The queue keyboard's map (useQueueKeyboard), worded for the list's rows: "alert", "incident". */
export function queueShortcuts(noun: string): [string, string][] {
  return [
    ["j / k", `Move to the next / previous ${noun}`],
    ["x", `Select or unselect the current ${noun}`],
    ["a", `Assign the selection (or the current ${noun}) to me`],
    ["s", "Change status: focuses the status menu"],
    ["Enter", `Open the current ${noun}`],
    ["/", "Search"],
    ["?", "Show these shortcuts"],
  ];
}

/** A native modal dialog: focus moves in, Esc closes, focus returns to where it was. */
export function ShortcutsDialog({
  open,
  onClose,
  noun = "alert",
}: {
  open: boolean;
  onClose: () => void;
  noun?: string;
}) {
  const ref = useModalDialog(open);
  return (
    <dialog
      ref={ref}
      onClose={onClose}
      aria-labelledby="shortcuts-title"
      className="m-auto rounded-lg border border-slate-200 p-5 shadow-xl backdrop:bg-slate-900/40 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100"
    >
      <h2 id="shortcuts-title" className="text-lg font-semibold">
        Keyboard shortcuts
      </h2>
      <dl className="mt-3 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
        {queueShortcuts(noun).map(([key, what]) => (
          <div key={key} className="contents">
            <dt>
              <kbd className="rounded border border-slate-300 px-1.5 font-mono text-xs dark:border-slate-600">
                {key}
              </kbd>
            </dt>
            <dd>{what}</dd>
          </div>
        ))}
      </dl>
      <form method="dialog" className="mt-4 text-right">
        <button className="rounded-md border border-slate-300 px-3 py-1 text-sm dark:border-slate-600">Close</button>
      </form>
    </dialog>
  );
}
