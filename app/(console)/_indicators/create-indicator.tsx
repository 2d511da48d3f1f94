"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { buttonPrimary, buttonSecondary } from "@/components/ui/button-styles";
import { OutcomeMessage, type Outcome } from "@/components/ui/outcome-banner";
import { IndicatorDialog, type IndicatorDraft } from "@/components/indicators/indicator-dialog";
import { CONSOLE_ACTION_LABELS, type IndicatorCreate, type IndicatorType } from "@/lib/indicators/schemas";
import { apiFetch } from "../_query/api";
import { indicatorKeys } from "../_query/keys";
import { useSubmitOnce } from "../_query/use-submit-once";

// Opens the create-indicator dialog (empty on /indicators, prefilled from an alert's evidence) and submits it
// once. Defender's answer is the outcome; the page refreshes to show the new row.

const EMPTY: IndicatorDraft = {
  indicatorType: "FileSha256",
  indicatorValue: "",
  action: "Block",
  severity: "Medium",
  title: "",
  description: "",
  expiresOn: "",
};

export function CreateIndicator({
  buttonLabel,
  heading,
  initial,
  choices,
  primary = false,
}: {
  buttonLabel: string;
  heading: string;
  initial?: Partial<IndicatorDraft>;
  choices?: { type: IndicatorType; value: string; note: string }[];
  primary?: boolean;
}) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<IndicatorDraft | null>(null);
  const [message, setMessage] = useState<Outcome | null>(null);
  const create = useSubmitOnce<{ data: { id: string; indicatorValue: string } }, IndicatorCreate>({
    mutationFn: (body, idempotencyKey) => apiFetch("/api/indicators", { method: "POST", json: body, idempotencyKey }),
    onSuccess: ({ data }, body) => {
      setDraft(null);
      setMessage({
        ok: true,
        text: `Defender accepted indicator ${data.id}: ${CONSOLE_ACTION_LABELS[body.action]} ${data.indicatorValue} everywhere.`,
      });
      router.refresh();
    },
    onSettled: () => void queryClient.invalidateQueries({ queryKey: indicatorKeys.all }),
  });
  return (
    <span className="inline-flex flex-col gap-1">
      <button
        type="button"
        className={primary ? buttonPrimary : buttonSecondary}
        onClick={() => {
          create.reset();
          setMessage(null);
          setDraft({ ...EMPTY, ...initial });
        }}
      >
        {buttonLabel}
      </button>
      <OutcomeMessage message={message} />
      <IndicatorDialog
        draft={draft}
        heading={heading}
        busy={create.isPending}
        error={create.error?.message ?? null}
        issues={create.error?.issues}
        choices={choices}
        onClose={() => setDraft(null)}
        onSubmit={(body) => create.submit(body)}
      />
    </span>
  );
}
