import { OutcomeBanner } from "@/components/ui/outcome-banner";
import type { BulkItemResult } from "@/lib/alerts/schemas";

/** What a triage change on alerts or incidents came to: the summary line and the items Defender did not update. */
export interface BulkTriageOutcome {
  ok: boolean;
  message: string;
  failures: BulkItemResult[];
}

/** The boxed outcome of a triage change, naming each alert or incident not found or not changed, and why. */
export function BulkTriageOutcomeBanner({ outcome }: { outcome: BulkTriageOutcome }) {
  return (
    <OutcomeBanner
      outcome={{ ok: outcome.ok, text: outcome.message }}
      failures={outcome.failures.map((f) => ({
        id: f.id,
        text: `${f.result === "not_found" ? "not found" : "failed"}${f.message ? ` — ${f.message}` : ""}`,
      }))}
    />
  );
}
