import type { ActionDialogSpec } from "./action-dialog";

/**
 * The isolation-type choice of the isolate dialog, the same on one device and on a bulk selection. The two types
 * are Defender's (learn.microsoft.com/defender-endpoint/api/isolate-machine, "Isolate machine API"):
 * `name` tells apart the radio groups when both dialogs could be on one page.
 */
export function isolationOptions(name: string): NonNullable<ActionDialogSpec["options"]> {
  return {
    name,
    legend: "Isolation type",
    choices: [
      { value: "Full", label: "Full", hint: "All network traffic except to Defender is blocked." },
      {
        value: "Selective",
        label: "Selective",
        hint: "Outlook, Teams and Skype keep working (Windows 10 1709+ only).",
      },
    ],
  };
}
