import { processSingleton } from "../process-singleton";
import {
  batchUpdateAlerts,
  createDefenderClient,
  updateAlert,
  type DefenderClient,
  type Alert as DefenderAlert,
  type AlertPatch as DefenderAlertPatch,
} from "../defender";

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

/** The process's gateway to Defender; integration tests replace it (actionWriter.replaceForTests) with their own. */
export const alertWriter = processSingleton("alertWriter", (): AlertWriter =>
  defenderAlertWriter(createDefenderClient()),
);
