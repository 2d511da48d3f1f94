"use client";

import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { useHydrated } from "@/components/ui/use-hydrated";
import { buttonPrimary } from "@/components/ui/button-styles";
import { ApiError, apiFetch } from "../../_query/api";
import type { ActionSettings as Settings } from "@/lib/actions/schemas";
import { OutcomeMessage, type Outcome } from "@/components/ui/outcome-banner";
import { SettingsSection } from "./settings-section";

// Admin switch for four-eyes approval of isolate and release; saving is audited (settings.actions).
export function ActionSettings({ initial }: { initial: Settings }) {
  const hydrated = useHydrated();
  const [fourEyes, setFourEyes] = useState(initial.fourEyes);
  const [message, setMessage] = useState<Outcome | null>(null);
  const save = useMutation<Settings, ApiError, Settings>({
    mutationFn: (body) => apiFetch("/api/settings/actions", { method: "PUT", json: body }),
    onSuccess: (r) => setMessage({ ok: true, text: `Saved. Four-eyes approval is ${r.fourEyes ? "on" : "off"}.` }),
    onError: (e) => setMessage({ ok: false, text: `Not saved: ${e.message}` }),
  });
  return (
    <SettingsSection
      id="action-settings-title"
      title="Response actions"
      className="mb-10 space-y-3"
      description={
        <>
          With four-eyes approval on, isolating or releasing a device waits until a second person with the Manager or
          Admin role approves it; nothing reaches Defender before that. The requester cannot approve their own request.
        </>
      }
    >
      <form
        className="flex flex-wrap items-center gap-4"
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate({ fourEyes });
        }}
      >
        <label className="flex items-center gap-2 text-sm font-medium">
          <input
            type="checkbox"
            checked={fourEyes}
            disabled={!hydrated}
            onChange={(e) => setFourEyes(e.target.checked)}
          />
          Require four-eyes approval for isolate and release
        </label>
        <button type="submit" className={buttonPrimary} disabled={!hydrated || save.isPending}>
          {save.isPending ? "Saving…" : "Save"}
        </button>
      </form>
      <OutcomeMessage message={message} />
    </SettingsSection>
  );
}
