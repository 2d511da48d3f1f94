"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { ActionDialog } from "@/components/devices/action-dialog";
import { buttonSecondary } from "@/components/ui/button-styles";
import { OutcomeMessage, type Outcome } from "@/components/ui/outcome-banner";
import type { InvestigationView } from "@/lib/investigations/schemas";
import { label } from "@/lib/labels";
import { apiFetch } from "../_query/api";
import { useSubmitOnce } from "../_query/use-submit-once";

// "Start investigation" on a device page: a comment (Defender requires one), then one request. Defender allows 50
// a tenant per hour; the error says when to try again.

export function StartInvestigation({ deviceId, deviceName }: { deviceId: string; deviceName: string }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [message, setMessage] = useState<Outcome | null>(null);
  const start = useSubmitOnce<{ data: InvestigationView }, string>({
    mutationFn: (comment, idempotencyKey) =>
      apiFetch(`/api/devices/${encodeURIComponent(deviceId)}/investigations`, {
        method: "POST",
        json: { comment },
        idempotencyKey,
      }),
    onSuccess: ({ data }) => {
      setOpen(false);
      setMessage({
        ok: true,
        text: `Defender started investigation ${data.id} on ${deviceName} (${label("investigationState", data.state)}).`,
      });
      router.refresh();
    },
  });
  return (
    <>
      <button
        type="button"
        className={buttonSecondary}
        onClick={() => {
          start.reset();
          setMessage(null);
          setOpen(true);
        }}
      >
        Start investigation
      </button>
      <OutcomeMessage message={message} />
      <ActionDialog
        spec={
          open
            ? {
                title: "Start an automated investigation of",
                confirmLabel: "Start investigation",
                note: "Defender investigates the device's alerts and evidence and may propose remediation actions, which are approved in the Defender action center. Defender allows 50 investigations to be started per hour.",
              }
            : null
        }
        deviceName={deviceName}
        busy={start.isPending}
        error={start.error?.message ?? null}
        onClose={() => setOpen(false)}
        onConfirm={({ comment }) => start.submit(comment)}
      />
    </>
  );
}
