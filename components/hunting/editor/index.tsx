// stand-in: replaced by the editor/results branch
"use client";

import KqlWorkbenchLoading from "./loading";

export interface KqlWorkbenchProps {
  value: string;
  onChange(query: string): void;
  /** Ctrl/Cmd+Enter and Shift+Enter run. */
  onRun(): void;
  readOnly?: boolean;
}

export default function KqlWorkbench(props: KqlWorkbenchProps) {
  return <KqlWorkbenchLoading {...props} />;
}
