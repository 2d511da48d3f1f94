"use client";

import type { QuotaState } from "@/lib/hunting/schemas";
import { HUNTING_CALLS_PER_MINUTE } from "@/lib/hunting/vocabulary";
import { cn } from "@/components/ui/cn";

const clock = (iso: string) =>
  new Date(iso).toLocaleTimeString(undefined, { hour: "2-digit", minute: "2-digit", second: "2-digit" });

/**
 * The tenant's advanced hunting budget, shared by everyone using the console: calls in the last minute out of 45
 * and the CPU cycle's state, so a team sees the limit coming before Graph refuses.
 */
export function QuotaMeter({ quota }: { quota: QuotaState }) {
  const used = Math.min(quota.callsLastMinute, quota.callsPerMinute);
  const share = used / (quota.callsPerMinute || HUNTING_CALLS_PER_MINUTE);
  const cpu = quota.cpu.exhausted
    ? `CPU quota used up${quota.cpu.retryAt ? ` until ${clock(quota.cpu.retryAt)}` : ""}`
    : "CPU ok";
  const blocked = quota.retryAt !== null;
  return (
    <div
      data-testid="quota-meter"
      className="flex items-center gap-2 text-xs text-slate-600 dark:text-slate-400"
      title="Advanced hunting allows the tenant 45 queries a minute and a CPU budget per 15 minutes, shared by everyone using this console."
    >
      <span aria-hidden className="relative h-1.5 w-16 overflow-hidden rounded-full bg-slate-200 dark:bg-slate-700">
        <span
          className={cn(
            "absolute inset-y-0 left-0 rounded-full",
            share >= 1 ? "bg-red-600" : share >= 0.75 ? "bg-amber-500" : "bg-emerald-600",
          )}
          style={{ width: `${Math.round(share * 100)}%` }}
        />
      </span>
      <span>
        <span data-testid="quota-calls">
          {used}/{quota.callsPerMinute}
        </span>{" "}
        calls this minute ·{" "}
        <span className={quota.cpu.exhausted ? "font-medium text-red-700 dark:text-red-300" : ""}>{cpu}</span>
        {blocked && quota.retryAt ? ` · next run at ${clock(quota.retryAt)}` : ""}
      </span>
    </div>
  );
}
