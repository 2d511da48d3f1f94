"use client";

import Link from "next/link";
import { useId, useState } from "react";
import { ActionDialog, type ActionDialogSpec } from "@/components/devices/action-dialog";
import { isolationOptions } from "@/components/devices/isolation-options";
import { ActionList } from "@/components/devices/action-list";
import { buttonDanger, buttonSecondary } from "@/components/ui/button-styles";
import {
  ACTION_LABELS,
  APPROVAL_TYPES,
  availableActions,
  type ActionPage,
  type ActionRequestInput,
  type ActionType,
  type ActionView,
  type ResponseDevice,
} from "@/lib/actions/schemas";
import { inactiveSensorWarning } from "@/lib/devices/schemas";
import { newIdempotencyKey } from "../_query/idempotency";
import { useDeviceActions } from "./use-device-actions";
import { outcomeText, type TrackedOutcome } from "./outcome-text";
import { FollowWarning } from "@/components/ui/follow-warning";
import { OutcomeMessage } from "@/components/ui/outcome-banner";
import { useTick } from "@/components/ui/use-tick";
import { label } from "@/lib/labels";

// A device's response controls: one button per action Defender supports on this platform, each through a
// confirmation dialog (device named, comment required), then the action followed live until Defender settles it.
// The device page shows them in full; the alert page's device card and the incident page's devices show the same
// controls (same dialog, same idempotent request, same four-eyes path) with the latest few actions.

export interface ResponsePanelProps {
  device: ResponseDevice;
  canRespond: boolean;
  fourEyes: boolean;
  /** The device's actions as the server rendered them; without them they are fetched when the panel mounts. */
  initialActions?: ActionPage;
  /** The server's clock at render: relative times start from it, so server and browser render the same text. */
  renderedAt: number;
  /** Show only the latest n actions, with a link to all of them in the action center. */
  listLimit?: number;
}

const SPECS: Record<ActionType, ActionDialogSpec> = {
  Isolate: {
    title: "Isolate",
    confirmLabel: "Isolate",
    danger: true,
    note: "The device keeps its connection to Defender only; users lose network access until it is released.",
    options: isolationOptions("isolationType"),
  },
  Unisolate: {
    title: "Release from isolation",
    confirmLabel: "Release",
    note: "The device gets its network access back once Defender reports success.",
  },
  RunAntiVirusScan: {
    title: "Run an antivirus scan on",
    confirmLabel: "Start scan",
    options: {
      name: "scanType",
      legend: "Scan type",
      choices: [
        { value: "Quick", label: "Quick scan" },
        { value: "Full", label: "Full scan", hint: "Can take hours on a large disk." },
      ],
    },
  },
  RestrictCodeExecution: {
    title: "Restrict app execution on",
    confirmLabel: "Restrict",
    danger: true,
    note: "Only Microsoft-signed applications may run until the restriction is removed.",
  },
  UnrestrictCodeExecution: { title: "Remove the app restriction on", confirmLabel: "Remove restriction" },
  CollectInvestigationPackage: { title: "Collect an investigation package from", confirmLabel: "Collect package" },
};

/** Four-eyes on: isolate and release are requests a second person approves, and the dialog says so. */
function specFor(type: ActionType, fourEyes: boolean, warning: string | null): ActionDialogSpec {
  const spec = { ...SPECS[type], ...(warning ? { warning } : {}) };
  if (!fourEyes || !APPROVAL_TYPES.includes(type)) return spec;
  return {
    ...spec,
    confirmLabel: type === "Isolate" ? "Request isolation (needs approval)" : "Request release (needs approval)",
    danger: false,
    note: `${spec.note ?? ""} Four-eyes approval is on: nothing is sent to Defender until a Manager or Admin approves.`.trim(),
  };
}

function inputFor(
  type: ActionType,
  option: string | null,
  comment: string,
  idempotencyKey: string,
): ActionRequestInput {
  if (type === "Isolate") return { type, scope: (option as "Full" | "Selective") ?? "Full", comment, idempotencyKey };
  if (type === "RunAntiVirusScan")
    return { type, scope: (option as "Quick" | "Full") ?? "Quick", comment, idempotencyKey };
  return { type, comment, idempotencyKey };
}

export function ResponsePanel({
  device,
  canRespond,
  fourEyes,
  initialActions,
  renderedAt,
  listLimit,
}: ResponsePanelProps) {
  const [open, setOpen] = useState<{ type: ActionType; key: string } | null>(null);
  const [cancelling, setCancelling] = useState<ActionView | null>(null);
  const [tracked, setTracked] = useState<TrackedOutcome | null>(null);
  const { actions, loading, following, request, cancel } = useDeviceActions(device.id, initialActions, renderedAt, {
    cancelled: (data) => (setCancelling(null), setTracked({ actionId: data.id, type: data.type, kind: "cancel" })),
  });
  const now = useTick(30_000, renderedAt);
  const titleId = useId();

  const available = availableActions(device);
  // The clock ticks every 30 s: an action requested since is "now", not "in 1 second".
  const listNow = Math.max(now, ...actions.map((a) => Date.parse(a.createdAt)));
  const shown = listLimit ? actions.slice(0, listLimit) : actions;
  // The notice follows the action it reports, as the list shows it now.
  const trackedAction = tracked ? actions.find((a) => a.id === tracked.actionId) : undefined;
  const message = tracked && trackedAction ? outcomeText(tracked, trackedAction.status) : null;

  function openDialog(type: ActionType) {
    request.reset();
    setTracked(null);
    // One key per dialog: a double click or a resubmission of this dialog is the same request.
    setOpen({ type, key: newIdempotencyKey() });
  }

  return (
    <div className="space-y-4">
      {canRespond ? (
        <>
          {!device.inMde ? (
            <p className="text-sm text-slate-600 dark:text-slate-400">
              Not onboarded to Defender for Endpoint: no response actions are possible.
            </p>
          ) : null}
          {device.inMde && available.length === 0 ? (
            <p className="text-sm text-slate-600 dark:text-slate-400">
              Defender offers no response actions for iOS and Android devices.
            </p>
          ) : null}
          {fourEyes && device.inMde && available.length > 0 ? (
            <p className="text-xs text-amber-800 dark:text-amber-200">
              Four-eyes approval is on: isolate and release wait for a Manager or Admin to approve.
            </p>
          ) : null}
          <div className="flex flex-col gap-2">
            {available.map((type) => (
              <button
                key={type}
                type="button"
                className={type === "Isolate" || type === "RestrictCodeExecution" ? buttonDanger : buttonSecondary}
                onClick={() => openDialog(type)}
              >
                {ACTION_LABELS[type]}
              </button>
            ))}
          </div>
        </>
      ) : (
        <p className="text-sm text-slate-600 dark:text-slate-400">
          Your role can see response actions but not start them.
        </p>
      )}

      <OutcomeMessage message={message} />

      <section aria-labelledby={titleId} className="space-y-2">
        <h3 id={titleId} className="font-semibold">
          Actions on this device
        </h3>
        <FollowWarning
          error={following.error}
          unrefreshed={following.unrefreshed}
          updatedAt={following.updatedAt}
          onRetry={following.retry}
        />
        {loading ? (
          <p className="text-sm text-slate-600 dark:text-slate-400">Loading this device&apos;s actions…</p>
        ) : (
          <ActionList
            actions={shown}
            now={listNow}
            onCancel={canRespond ? (a) => (cancel.reset(), setCancelling(a)) : undefined}
          />
        )}
        {listLimit && actions.length > listLimit ? (
          <Link
            href={`/actions?device=${encodeURIComponent(device.id)}`}
            className="text-sm text-blue-700 underline dark:text-blue-300"
          >
            All actions on this device
          </Link>
        ) : null}
      </section>

      <ActionDialog
        spec={open ? specFor(open.type, fourEyes, inactiveSensorWarning(device, now)) : null}
        deviceName={device.name}
        busy={request.isPending}
        error={request.error?.message ?? null}
        onClose={() => setOpen(null)}
        onConfirm={({ option, comment }) => {
          if (!open || request.isPending) return;
          const type = open.type;
          request.mutate(inputFor(type, option, comment, open.key), {
            onSuccess: ({ data, replayed }) => {
              setOpen(null);
              setTracked({ actionId: data.id, type, kind: replayed ? "replay" : "request" });
            },
          });
        }}
      />
      <ActionDialog
        spec={
          cancelling
            ? {
                title: `Cancel ${label("actionType", cancelling.type)} on`,
                confirmLabel: cancelling.status === "AwaitingApproval" ? "Withdraw request" : "Cancel action",
                danger: true,
              }
            : null
        }
        deviceName={device.name}
        busy={cancel.isPending}
        error={cancel.error?.message ?? null}
        onClose={() => setCancelling(null)}
        onConfirm={({ comment }) => {
          if (!cancelling) return;
          cancel.submit({ id: cancelling.id, comment });
        }}
      />
    </div>
  );
}
