import type { ReactNode } from "react";
import { cn } from "./cn";

/** One field of a form: its label above the input, and the server's message about the value under it. */
export function LabelledField({
  label,
  error,
  className,
  children,
}: {
  label: string;
  /** What the server said is wrong with the value (a 400's `issues` entry), if anything. */
  error?: string;
  className?: string;
  children: ReactNode;
}) {
  return (
    <label className={cn("flex flex-col gap-1 text-sm", className)}>
      <span className="font-medium">{label}</span>
      {children}
      {error ? <span className="text-xs text-red-700 dark:text-red-300">{error}</span> : null}
    </label>
  );
}
