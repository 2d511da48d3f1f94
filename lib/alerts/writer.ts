import { batchUpdateAlerts, createDefenderClient, updateAlert, type DefenderClient, type Alert as DefenderAlert, type AlertPatch as DefenderAlertPatch } from "../defender";

// The alert triage path's only door to Defender. An interface, so integration tests can stand in a refusing or
// failing Defender without mocking the database, and the client is created once, on first use.

export type { DefenderAlert, DefenderAlertPatch };

export interface AlertWriter {
  /** PATCH /api/alerts/{id} → the alert as Defender now has it. */
  updateAlert(id: string, patch: DefenderAlertPatch): Promise<DefenderAlert>;
  /** POST /api/alerts/batchUpdate (10 calls/min). Defender answers with an empty body. */
  batchUpdate(ids: string[], patch: DefenderAlertPatch): Promise<void>;
}

export function defenderAlertWriter(client: DefenderClient): AlertWriter {
  return {
    updateAlert: (id, patch) => updateAlert(client, id, patch),
    batchUpdate: (ids, patch) => batchUpdateAlerts(client, { alertIds: ids, ...patch }),
  };
}

const slot = globalThis as unknown as { __socAlertWriter?: AlertWriter };

export function alertWriter(): AlertWriter {
  slot.__socAlertWriter ??= defenderAlertWriter(createDefenderClient());
  return slot.__socAlertWriter;
}

/** Integration tests point triage at their own emulator or a refusing stand-in. */
export function useAlertWriterForTests(writer: AlertWriter | undefined): void {
  slot.__socAlertWriter = writer;
}
