"use client";

import { useState } from "react";
import { buttonSecondary } from "./button-styles";

// Shown while live status following is failing: the statuses on screen are then the last ones known, and a responder
// deciding whether an isolation took effect must not mistake them for current ones.

export interface FollowWarningProps {
  /** The poll itself failed (the console's API did not answer). */
  error: { message: string } | null;
  /** Rows whose status could not be refreshed, with the reason. */
  unrefreshed: readonly { id: string; reason: string }[];
  /** When the statuses shown were last read (ms since epoch); 0 if never. */
  updatedAt: number;
  onRetry: () => Promise<unknown>;
}

const clock = (ms: number) => new Date(ms).toISOString().slice(11, 19);
const sentence = (text: string) => (/[.!?]$/.test(text.trim()) ? text.trim() : `${text.trim()}.`);

export function FollowWarning({ error, unrefreshed, updatedAt, onRetry }: FollowWarningProps) {
  // Only a retry asked for here shows as busy: the automatic polls go on in the background.
  const [retrying, setRetrying] = useState(false);
  if (!error && unrefreshed.length === 0) return null;
  const text = error
    ? `Statuses could not be refreshed: ${sentence(error.message)} ${updatedAt ? `Showing the last known status (as of ${clock(updatedAt)} UTC); retrying` : "Retrying"} automatically.`
    : `The status of ${unrefreshed.length} action${unrefreshed.length === 1 ? "" : "s"} could not be refreshed: ${sentence(unrefreshed[0].reason)} ${unrefreshed.length === 1 ? "Its status is" : "Their statuses are"} the last known; retrying automatically.`;
  return (
    <div
      role="alert"
      className="flex flex-wrap items-center gap-2 rounded-md border border-amber-300 bg-amber-50 p-2 text-sm text-amber-900 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100"
    >
      <p className="min-w-0 flex-1">{text}</p>
      <button
        type="button"
        className={buttonSecondary}
        disabled={retrying}
        onClick={() => {
          setRetrying(true);
          void onRetry().finally(() => setRetrying(false));
        }}
      >
        {retrying ? "Retrying…" : "Retry now"}
      </button>
    </div>
  );
}
