import { inputBase } from "@/components/ui/button-styles";
import type { SLA_STATES } from "@/lib/alerts/vocabulary";

type SlaState = (typeof SLA_STATES)[number];

/** A filter bar's SLA state select (any, breached, near breach): the same states on alerts and incidents. */
export function SlaFilterSelect({
  value,
  onChange,
}: {
  value: SlaState | undefined;
  onChange: (sla: SlaState | undefined) => void;
}) {
  return (
    <select
      aria-label="SLA"
      value={value ?? ""}
      onChange={(e) => onChange((e.target.value || undefined) as SlaState | undefined)}
      className={inputBase}
    >
      <option value="">Any SLA state</option>
      <option value="breached">SLA breached</option>
      <option value="near">Near breach</option>
    </select>
  );
}
