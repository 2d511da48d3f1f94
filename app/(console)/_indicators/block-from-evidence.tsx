"use client";

import { indicatorChoicesFromEvidence } from "@/lib/indicators/schemas";
import { CreateIndicator } from "./create-indicator";

// "Block everywhere" on an alert page: the create-indicator dialog prefilled with the evidence's file hashes, IP
// addresses, domains and URLs (the first one chosen), a title and a description naming the alert.

export function BlockFromEvidence({
  alert,
  evidence,
}: {
  alert: { id: string; title: string };
  evidence: Parameters<typeof indicatorChoicesFromEvidence>[0];
}) {
  const choices = indicatorChoicesFromEvidence(evidence);
  const first = choices[0];
  if (!first) return null;
  return (
    <div className="mb-2">
      <CreateIndicator
        buttonLabel="Block everywhere"
        heading="Block a value from this alert's evidence everywhere"
        choices={choices}
        initial={{
          indicatorType: first.type,
          indicatorValue: first.value,
          action: "Block",
          severity: "High",
          title: `Blocked from alert: ${alert.title}`.slice(0, 300),
          description: `Seen in the evidence of Defender alert ${alert.id} (${alert.title}).`,
        }}
      />
    </div>
  );
}
