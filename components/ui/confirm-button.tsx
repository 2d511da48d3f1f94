"use client";

import { useState, type ReactNode } from "react";
import { buttonDanger } from "./button-styles";
import { ConfirmDialog } from "./confirm-dialog";

/** A destructive button: asks `question` in the console's dialog and calls `onConfirm` only when confirmed. */
export function ConfirmButton({
  question,
  confirmLabel = "Confirm",
  onConfirm,
  disabled,
  children,
}: {
  question: string;
  /** The confirming button's words, e.g. "Revoke token". */
  confirmLabel?: string;
  onConfirm: () => void;
  disabled: boolean;
  children: ReactNode;
}) {
  const [asking, setAsking] = useState(false);
  return (
    <>
      <button type="button" className={buttonDanger} disabled={disabled} onClick={() => setAsking(true)}>
        {children}
      </button>
      <ConfirmDialog
        open={asking}
        title={question}
        confirmLabel={confirmLabel}
        onCancel={() => setAsking(false)}
        onConfirm={() => {
          setAsking(false);
          onConfirm();
        }}
      />
    </>
  );
}
