"use client";

import { useMutation } from "@tanstack/react-query";
import { useRef, useState } from "react";
import { useHydrated } from "@/components/ui/use-hydrated";
import { buttonPrimary, buttonSecondary, inputBase } from "@/components/ui/button-styles";
import { CopyButton } from "@/components/ui/copy-button";
import { OutcomeMessage, type Outcome } from "@/components/ui/outcome-banner";
import { RowsTable, Td } from "@/components/ui/table";
import { DeliveryLogTable } from "@/components/notifications/delivery-log-table";
import { label } from "@/lib/labels";
import type { ChannelKind, ChannelView, DeliveryLogRow, RuleView } from "@/lib/notifications/schemas";
import { ApiError, apiFetch } from "../../_query/api";
import { useSubmitOnce } from "../../_query/use-submit-once";
import { SettingsSection } from "./settings-section";

// Admin's notification channels (add one, send a test), the rules that use them, and the latest delivery attempts.
// Every change goes through the audited /api/notifications routes.

const KINDS: ChannelKind[] = ["email", "teams", "webhook"];
const TARGET_HINT: Record<ChannelKind, string> = {
  email: "soc@contoso.example, oncall@contoso.example",
  teams: "https://…/workflows/…/triggers/manual/paths/invoke?…",
  webhook: "https://soar.contoso.example/hooks/soc",
};

export function NotificationSettings({
  channels: initialChannels,
  rules,
  log,
  sinkUrl,
}: {
  channels: ChannelView[];
  rules: RuleView[];
  log: DeliveryLogRow[];
  sinkUrl: string | null;
}) {
  const hydrated = useHydrated();
  const formRef = useRef<HTMLFormElement>(null);
  const [channels, setChannels] = useState(initialChannels);
  const [kind, setKind] = useState<ChannelKind>("email");
  const [created, setCreated] = useState<{ name: string; secret: string } | null>(null);
  const [message, setMessage] = useState<Outcome | null>(null);
  const create = useSubmitOnce<ChannelView & { secret?: string }, { kind: ChannelKind; name: string; target: string }>({
    mutationFn: (json, idempotencyKey) =>
      apiFetch("/api/notifications/channels", { method: "POST", json, idempotencyKey }),
    onSuccess: (c) => {
      setChannels((all) => [...all, c].sort((a, b) => a.name.localeCompare(b.name)));
      setCreated(c.secret ? { name: c.name, secret: c.secret } : null);
      setMessage({ ok: true, text: `Channel “${c.name}” added.` });
      formRef.current?.reset();
    },
    onError: (e) => setMessage({ ok: false, text: `Not added: ${e.message}` }),
  });
  const test = useMutation<{ channel: string }, ApiError, string>({
    mutationFn: (id) => apiFetch(`/api/notifications/channels/${id}/test`, { method: "POST" }),
    onSuccess: (r) => setMessage({ ok: true, text: `Test message sent through “${r.channel}”.` }),
    onError: (e) => setMessage({ ok: false, text: e.message }),
  });
  const channelName = new Map(channels.map((c) => [c.id, c.name]));
  return (
    <SettingsSection
      id="notification-settings-title"
      title="Notifications"
      className="mb-10 space-y-4"
      description={
        <>
          Where the console sends what the SOC must hear about: e-mail, a Microsoft Teams channel, or a signed webhook.
          Managers and Admins choose who hears about what in rules (API: /api/notifications/rules); the receiver guide
          is docs/notifications.md.
          {sinkUrl ? (
            <>
              {" "}
              In this demo, messages arrive in the{" "}
              <a className="underline" href={sinkUrl} target="_blank" rel="noreferrer">
                demo notification sink
              </a>
              .
            </>
          ) : null}
        </>
      }
    >
      <RowsTable
        caption="Notification channels"
        columns={["Name", "Kind", "Sends to", "State", { label: <span className="sr-only">Test</span> }]}
        rows={channels}
        empty="No channels yet."
        row={(c) => (
          <tr key={c.id}>
            <Td>{c.name}</Td>
            <Td>{label("channelKind", c.kind)}</Td>
            <Td className="break-all">{c.target}</Td>
            <Td>{c.enabled ? "On" : "Off"}</Td>
            <Td>
              <button
                type="button"
                className={buttonSecondary}
                disabled={!hydrated || test.isPending}
                onClick={() => test.mutate(c.id)}
              >
                Send test
              </button>
            </Td>
          </tr>
        )}
      />
      <form
        ref={formRef}
        className="flex flex-wrap items-end gap-3"
        onSubmit={(e) => {
          e.preventDefault();
          const data = new FormData(e.currentTarget);
          create.submit({ kind, name: String(data.get("name")), target: String(data.get("target")) });
        }}
      >
        <label className="flex flex-col text-sm font-medium">
          Kind
          <select
            className={inputBase}
            value={kind}
            disabled={!hydrated}
            onChange={(e) => setKind(e.target.value as ChannelKind)}
          >
            {KINDS.map((k) => (
              <option key={k} value={k}>
                {label("channelKind", k)}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col text-sm font-medium">
          Name
          <input name="name" required maxLength={120} className={inputBase} />
        </label>
        <label className="flex min-w-80 flex-1 flex-col text-sm font-medium">
          {kind === "email" ? "Recipients" : "URL"}
          <input name="target" required placeholder={TARGET_HINT[kind]} className={inputBase} />
        </label>
        <button type="submit" className={buttonPrimary} disabled={!hydrated || create.isPending}>
          {create.isPending ? "Adding…" : "Add channel"}
        </button>
      </form>
      {created ? (
        <div role="status" className="rounded border border-amber-300 p-3 text-sm dark:border-amber-700">
          Signing key of “{created.name}” — copy it now; it is not shown again:{" "}
          <code className="break-all">{created.secret}</code> <CopyButton text={created.secret} />
        </div>
      ) : null}
      <OutcomeMessage message={message} />
      <RowsTable
        caption="Notification rules"
        columns={["Rule", "When", "Channels", "How often", "State"]}
        rows={rules}
        empty="No rules yet: nothing is sent until a Manager or Admin adds one."
        row={(r) => (
          <tr key={r.id}>
            <Td>{r.name}</Td>
            <Td>{label("notificationEvent", r.eventType)}</Td>
            <Td>{r.channelIds.map((id) => channelName.get(id) ?? "(deleted)").join(", ")}</Td>
            <Td>
              {label("digest", r.digest)}
              {r.quietHours ? ` · quiet ${r.quietHours.start}–${r.quietHours.end} ${r.timeZone}` : ""}
            </Td>
            <Td>{r.enabled ? "On" : "Off"}</Td>
          </tr>
        )}
      />
      <DeliveryLogTable log={log} />
    </SettingsSection>
  );
}
