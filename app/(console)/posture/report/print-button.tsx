"use client";

import { buttonSecondary } from "@/components/ui/button-styles";

export function PrintButton() {
  return (
    <button type="button" className={buttonSecondary} onClick={() => window.print()}>
      Print
    </button>
  );
}
