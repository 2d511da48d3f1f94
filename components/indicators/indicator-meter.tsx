import { cn } from "@/components/ui/cn";
import type { IndicatorMeter } from "@/lib/indicators/schemas";

// How many of Defender's 15,000 indicators the tenant holds ("Increases to this limit are not supported").

export function IndicatorMeterBar({ meter }: { meter: IndicatorMeter }) {
  const share = meter.total / meter.cap;
  return (
    <div className="w-72 text-sm">
      <div className="flex justify-between">
        <span className="font-medium">Indicators in use</span>
        <span>
          {meter.total.toLocaleString("en-US")} of {meter.cap.toLocaleString("en-US")}
        </span>
      </div>
      <meter
        className="mt-1 h-2 w-full"
        min={0}
        max={meter.cap}
        low={meter.cap * 0.8}
        high={meter.cap * 0.95}
        optimum={0}
        value={meter.total}
        aria-label={`Indicators in use: ${meter.total} of ${meter.cap}`}
      />
      <span className={cn("text-xs", share >= 0.95 ? "text-red-700 dark:text-red-300" : "text-slate-500")}>
        {share >= 0.95
          ? "Nearly full: delete expired or unneeded indicators before adding more."
          : `${(meter.cap - meter.total).toLocaleString("en-US")} left`}
      </span>
    </div>
  );
}
