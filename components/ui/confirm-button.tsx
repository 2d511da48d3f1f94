import type { ReactNode } from "react";
import { buttonDanger } from "./button-styles";

/** A destructive button: asks the browser's confirm() with `question` and calls `onConfirm` only on OK. */
export function ConfirmButton({
  question,
  onConfirm,
  disabled,
  children,
}: {
  question: string;
  onConfirm: () => void;
  disabled: boolean;
  children: ReactNode;
}) {
  return (
    <button
      type="button"
      className={buttonDanger}
      disabled={disabled}
      onClick={() => {
        if (confirm(question)) onConfirm();
      }}
    >
      {children}
    </button>
  );
}
