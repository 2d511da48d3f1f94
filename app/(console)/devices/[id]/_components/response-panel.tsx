"use client";

import { useState } from "react";
import { ActionDialog, type ActionDialogSpec } from "@/components/devices/action-dialog";
import { ActionList } from "@/components/devices/action-list";
import { buttonDanger, buttonSecondary } from "@/components/ui/button-styles";
import {
  ACTION_LABELS,
  availableActions,
  type ActionPage,
  type ActionRequestInput,
  type ActionType,
  type ActionView,
} from "@/lib/actions/schemas";
import { newIdempotencyKey } from "../../../_query/idempotency";
import { useDeviceActions } from "../_hooks/use-device-actions";
import { FollowWarning } from "@/components/ui/follow-warning";
import { OutcomeMessage, type Outcome } from "@/components/ui/outcome-banner";
import { useTick } from "@/components/ui/use-tick";
import { label } from "@/lib/labels";

// The device's response panel: one button per action Defender supports on this platform, each through a
// confirmation dialog (device named, comment required), then the action followed live until Defender settles it.

export interface ResponsePanelProps {
  device: {
    id: string;
    name: string;
    platform: string;
    inMde: boolean;
    isolationState: string;
    restrictionState: string;
  };
  canRespond: boolean;
  fourEyes: boolean;
  initialActions: ActionPage;
  /** The server's clock at render: relative times start from it, so server and browser render the same text. */
  renderedAt: number;
}

const SPECS: Record<ActionType, ActionDialogSpec> = {
  Isolate: {
    title: "Isolate",
    confirmLabel: "Isolate",
    danger: true,
    note: "The device keeps its connection to Defender only; users lose network access until it is released.",
    options: {
      name: "isolationType",
      legend: "Isolation type",
      choices: [
        { value: "Full", label: "Full", hint: "All network traffic except to Defender is blocked." },
        {
          value: "Selective",
          label: "Selective",
          hint: "Outlook, Teams and Skype keep working (Windows 10 1709+ only).",
        },
      ],
    },
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

export function ResponsePanel({ device, canRespond, fourEyes, initialActions, renderedAt }: ResponsePanelProps) {
  const { actions, following, request, cancel } = useDeviceActions(device.id, initialActions, renderedAt);
  const [open, setOpen] = useState<{ type: ActionType; key: string } | null>(null);
  const [cancelling, setCancelling] = useState<ActionView | null>(null);
  const [message, setMessage] = useState<Outcome | null>(null);
  const now = useTick(30_000, renderedAt);

  const available = availableActions(device);
  // The clock ticks every 30 s: an action requested since is "now", not "in 1 second".
  const listNow = Math.max(now, ...actions.map((a) => Date.parse(a.createdAt)));

  function openDialog(type: ActionType) {
    request.reset();
    setMessage(null);
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
          {fourEyes ? (
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

      <section aria-labelledby="device-actions-title" className="space-y-2">
        <h3 id="device-actions-title" className="font-semibold">
          Actions on this device
        </h3>
        <FollowWarning
          error={following.error}
          unrefreshed={following.unrefreshed}
          updatedAt={following.updatedAt}
          onRetry={following.retry}
        />
        <ActionList
          actions={actions}
          now={listNow}
          onCancel={canRespond ? (a) => (cancel.reset(), setCancelling(a)) : undefined}
        />
      </section>

      <ActionDialog
        spec={open ? SPECS[open.type] : null}
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
              setMessage({
                ok: true,
                text: replayed
                  ? `${ACTION_LABELS[type]} was already requested from this dialog; showing that request (${label("actionStatus", data.status)}).`
                  : data.status === "AwaitingApproval"
                    ? `${ACTION_LABELS[type]} requested: awaiting approval by a Manager or Admin. Nothing is sent to Defender before that.`
                    : `${ACTION_LABELS[type]} sent to Defender: ${label("actionStatus", data.status)}.`,
              });
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
          if (!cancelling || cancel.isPending) return;
          cancel.mutate(
            { id: cancelling.id, comment },
            {
              onSuccess: ({ data }) => (
                setCancelling(null),
                setMessage({
                  ok: true,
                  text: `${label("actionType", data.type)}: ${label("actionStatus", data.status)}.`,
                })
              ),
            },
          );
        }}
      />
    </div>
  );
}
