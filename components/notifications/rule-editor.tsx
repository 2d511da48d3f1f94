"use client";

import { useState, type FormEvent } from "react";
import type { ChannelView, RuleInput, RuleView } from "@/lib/notifications/schemas";
import {
  DIGESTS,
  NOTIFICATION_EVENT_TYPES,
  type Digest,
  type NotificationEventType,
} from "@/lib/notifications/vocabulary";
import { PRIORITIES, SEVERITIES } from "@/lib/alerts/vocabulary";
import { label } from "@/lib/labels";
import { buttonPrimary, buttonSecondary, inputBase } from "@/components/ui/button-styles";
import { LabelledField } from "@/components/ui/labelled-field";
import { MutationError } from "@/components/ui/mutation-error";

// One notification rule's form: what it is about, which of those (the filter), where it goes, how often and when
// not. Props in, callbacks out; the container saves it through /api/notifications/rules.

/** Events whose filter reads an alert's or incident's facets. */
const FACETED: readonly NotificationEventType[] = ["alert.created", "incident.created", "sla.warning", "sla.breached"];

const list = (text: string) =>
  text
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);

function Checkboxes({
  legend,
  options,
  value,
  onChange,
}: {
  legend: string;
  options: readonly string[];
  value: string[];
  onChange: (next: string[]) => void;
}) {
  return (
    <fieldset className="text-sm">
      <legend className="font-medium">{legend}</legend>
      <div className="mt-1 flex flex-wrap gap-3">
        {options.map((o) => (
          <label key={o} className="flex items-center gap-1">
            <input
              type="checkbox"
              checked={value.includes(o)}
              onChange={(e) => onChange(e.target.checked ? [...value, o] : value.filter((v) => v !== o))}
            />
            {o}
          </label>
        ))}
      </div>
    </fieldset>
  );
}

export function NotificationRuleEditor({
  initial,
  channels,
  busy,
  error,
  onSave,
  onCancel,
}: {
  initial: RuleView | null;
  channels: ChannelView[];
  busy: boolean;
  error: { message: string } | null;
  onSave: (input: RuleInput) => void;
  onCancel: () => void;
}) {
  const [name, setName] = useState(initial?.name ?? "");
  const [enabled, setEnabled] = useState(initial?.enabled ?? true);
  const [eventType, setEventType] = useState<NotificationEventType>(initial?.eventType ?? "alert.created");
  const [severities, setSeverities] = useState(initial?.filter.severities ?? []);
  const [priorities, setPriorities] = useState(initial?.filter.priorities ?? []);
  const [categories, setCategories] = useState((initial?.filter.categories ?? []).join(", "));
  const [deviceGroups, setDeviceGroups] = useState((initial?.filter.deviceGroups ?? []).join(", "));
  const [sources, setSources] = useState((initial?.filter.detectionSources ?? []).join(", "));
  const [failingMinutes, setFailingMinutes] = useState(String(initial?.filter.syncFailingMinutes ?? 30));
  const [toApprovers, setToApprovers] = useState(initial?.filter.toApprovers ?? false);
  const [channelIds, setChannelIds] = useState(initial?.channelIds ?? []);
  const [digest, setDigest] = useState<Digest>(initial?.digest ?? "immediate");
  const [quietFrom, setQuietFrom] = useState(initial?.quietHours?.start ?? "");
  const [quietTo, setQuietTo] = useState(initial?.quietHours?.end ?? "");
  const [timeZone, setTimeZone] = useState(initial?.timeZone ?? "UTC");

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const faceted = FACETED.includes(eventType);
    onSave({
      name: name.trim(),
      enabled,
      eventType,
      filter: {
        severities: faceted ? severities : [],
        priorities: faceted ? priorities : [],
        categories: faceted ? list(categories) : [],
        deviceGroups: faceted ? list(deviceGroups) : [],
        detectionSources: faceted ? list(sources) : [],
        ...(eventType === "sync.failing" ? { syncFailingMinutes: Number(failingMinutes) || 30 } : {}),
        toApprovers: eventType === "approval.requested" && toApprovers,
      },
      channelIds,
      digest,
      quietHours: quietFrom && quietTo ? { start: quietFrom, end: quietTo } : null,
      timeZone: timeZone.trim() || "UTC",
    });
  };

  return (
    <form onSubmit={submit} className="flex flex-col gap-4" aria-label="Notification rule">
      <div className="grid gap-3 md:grid-cols-3">
        <LabelledField label="Rule name">
          <input
            className={inputBase}
            value={name}
            onChange={(e) => setName(e.target.value)}
            required
            maxLength={120}
          />
        </LabelledField>
        <LabelledField label="When">
          <select
            className={inputBase}
            value={eventType}
            onChange={(e) => setEventType(e.target.value as NotificationEventType)}
          >
            {NOTIFICATION_EVENT_TYPES.map((t) => (
              <option key={t} value={t}>
                {label("notificationEvent", t)}
              </option>
            ))}
          </select>
        </LabelledField>
        <LabelledField label="How often">
          <select className={inputBase} value={digest} onChange={(e) => setDigest(e.target.value as Digest)}>
            {DIGESTS.map((d) => (
              <option key={d} value={d}>
                {label("digest", d)}
              </option>
            ))}
          </select>
        </LabelledField>
      </div>

      {FACETED.includes(eventType) ? (
        <div className="flex flex-col gap-3 rounded border border-slate-200 p-3 dark:border-slate-700">
          <p className="text-xs text-slate-600 dark:text-slate-400">Only these (an empty choice matches anything):</p>
          <Checkboxes legend="Priority" options={PRIORITIES} value={priorities} onChange={setPriorities} />
          <Checkboxes legend="Severity" options={SEVERITIES} value={severities} onChange={setSeverities} />
          <div className="grid gap-3 md:grid-cols-3">
            <LabelledField label="Categories (comma-separated)">
              <input className={inputBase} value={categories} onChange={(e) => setCategories(e.target.value)} />
            </LabelledField>
            <LabelledField label="Device groups (comma-separated)">
              <input className={inputBase} value={deviceGroups} onChange={(e) => setDeviceGroups(e.target.value)} />
            </LabelledField>
            <LabelledField label="Detection sources (comma-separated)">
              <input className={inputBase} value={sources} onChange={(e) => setSources(e.target.value)} />
            </LabelledField>
          </div>
        </div>
      ) : null}
      {eventType === "sync.failing" ? (
        <LabelledField label="Failing for at least (minutes)" className="max-w-xs">
          <input
            type="number"
            min={1}
            className={inputBase}
            value={failingMinutes}
            onChange={(e) => setFailingMinutes(e.target.value)}
          />
        </LabelledField>
      ) : null}
      {eventType === "approval.requested" ? (
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" checked={toApprovers} onChange={(e) => setToApprovers(e.target.checked)} />
          Also e-mail the people who may approve
        </label>
      ) : null}

      <Checkboxes
        legend="Channels"
        options={channels.map((c) => c.name)}
        value={channels.filter((c) => channelIds.includes(c.id)).map((c) => c.name)}
        onChange={(names) => setChannelIds(channels.filter((c) => names.includes(c.name)).map((c) => c.id))}
      />
      {channels.length === 0 ? (
        <p className="text-sm text-slate-600 dark:text-slate-400">
          No channels yet: an Admin adds e-mail, Teams or webhook channels in Settings.
        </p>
      ) : null}

      <div className="grid gap-3 md:grid-cols-3">
        <LabelledField label="Quiet from (HH:MM)">
          <input
            className={inputBase}
            value={quietFrom}
            placeholder="22:00"
            onChange={(e) => setQuietFrom(e.target.value)}
          />
        </LabelledField>
        <LabelledField label="Quiet until (HH:MM)">
          <input
            className={inputBase}
            value={quietTo}
            placeholder="07:00"
            onChange={(e) => setQuietTo(e.target.value)}
          />
        </LabelledField>
        <LabelledField label="Time zone">
          <input className={inputBase} value={timeZone} onChange={(e) => setTimeZone(e.target.value)} />
        </LabelledField>
      </div>
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" checked={enabled} onChange={(e) => setEnabled(e.target.checked)} />
        Rule is on
      </label>
      <MutationError error={error} />
      <div className="flex gap-2">
        <button type="submit" className={buttonPrimary} disabled={busy}>
          {busy ? "Saving…" : "Save rule"}
        </button>
        <button type="button" className={buttonSecondary} onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
