"use client";

import { useState } from "react";
import { buttonSecondary } from "./button-styles";

/** Copies `text` to the clipboard and says so (announced); says so too when the browser refuses. */
export function CopyButton({ text, label = "Copy" }: { text: string; label?: string }) {
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");
  return (
    <span className="inline-flex items-center gap-2">
      <button
        type="button"
        className={buttonSecondary}
        onClick={() =>
          navigator.clipboard.writeText(text).then(
            () => setState("copied"),
            () => setState("failed"),
          )
        }
      >
        {label}
      </button>
      <span role="status" className="text-xs">
        {state === "copied" ? "Copied." : state === "failed" ? "The browser refused; select the text and copy it." : ""}
      </span>
    </span>
  );
}
