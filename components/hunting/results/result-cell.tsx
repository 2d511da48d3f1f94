"use client";

import Link from "next/link";
import type { EntityLink } from "./entity-links";
import { displayText, fullText, isMissing, parsedDynamic, type ValueKind } from "./values";

const LINK = "text-blue-700 underline decoration-dotted underline-offset-2 hover:decoration-solid dark:text-blue-300";
const ACTION =
  "rounded border border-slate-300 bg-white px-1 text-[11px] leading-4 text-slate-700 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-blue-600 dark:border-slate-600 dark:bg-slate-900 dark:text-slate-200 dark:hover:bg-slate-800";

/**
 * One result value: its text (an em dash when missing), a link when it names a device, alert, incident, file,
 * IP or user, compact JSON that expands on click for dynamic values, and a Copy button for the whole value that
 * shows on hover and on keyboard focus.
 */
export function ResultCell({
  column,
  kind,
  value,
  link,
  expanded,
  onToggle,
  onCopy,
}: {
  column: string;
  kind: ValueKind;
  value: unknown;
  link: EntityLink | null;
  expanded: boolean;
  onToggle: () => void;
  onCopy: (column: string, text: string) => void;
}) {
  if (isMissing(value))
    return (
      <span className="text-slate-400 dark:text-slate-500" title={value === "" ? "Empty" : "No value"}>
        —
      </span>
    );
  const text = displayText(kind, value);
  const whole = fullText(value);
  const hint = whole.length > 2_000 ? `${whole.slice(0, 2_000)}…` : whole;

  let shown;
  if (kind === "dynamic") {
    const parsed = parsedDynamic(value);
    shown = expanded ? (
      <button type="button" aria-expanded="true" onClick={onToggle} className="block w-full text-left">
        <pre className="whitespace-pre-wrap break-all font-mono text-xs">
          {typeof parsed === "string" ? parsed : JSON.stringify(parsed, null, 2)}
        </pre>
      </button>
    ) : (
      <button
        type="button"
        aria-expanded="false"
        onClick={onToggle}
        title={hint}
        className="block w-full truncate text-left font-mono text-xs hover:text-blue-700 dark:hover:text-blue-300"
      >
        {text}
      </button>
    );
  } else if (link) {
    shown = (
      <Link href={link.href} prefetch={false} title={`${link.title}: ${hint}`} className={`block truncate ${LINK}`}>
        {text}
      </Link>
    );
  } else {
    shown = (
      <span className="block truncate" title={kind === "datetime" ? `${whole} (UTC)` : hint}>
        {text}
      </span>
    );
  }

  return (
    <div className="group relative">
      {shown}
      <span className="absolute right-0 top-0 flex gap-1 opacity-0 group-focus-within:opacity-100 group-hover:opacity-100">
        {link?.hunt ? (
          <Link href={link.hunt} prefetch={false} className={ACTION} aria-label={`Hunt for this ${column}`}>
            Hunt
          </Link>
        ) : null}
        <button type="button" className={ACTION} aria-label={`Copy ${column}`} onClick={() => onCopy(column, whole)}>
          Copy
        </button>
      </span>
    </div>
  );
}
