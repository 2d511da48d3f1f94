// stand-in: replaced by the editor/results branch
"use client";

import KqlWorkbenchLoading from "./loading";
import type { KqlWorkbenchProps } from "./index";

/** The editor in its own chunk, with a placeholder that keeps what is typed (the stand-in is the placeholder). */
export function LazyKqlWorkbench(props: KqlWorkbenchProps) {
  return <KqlWorkbenchLoading {...props} />;
}
