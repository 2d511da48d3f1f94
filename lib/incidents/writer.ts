import { processSingleton } from "../process-singleton";
import {
  createDefenderClient,
  updateIncident,
  type DefenderClient,
  type Incident as DefenderIncident,
  type IncidentPatch as DefenderIncidentPatch,
} from "../defender";

// The incident triage path's only door to Defender XDR; replaceable in integration tests.

export type { DefenderIncident, DefenderIncidentPatch };

export interface IncidentWriter {
  updateIncident(id: string, patch: DefenderIncidentPatch): Promise<DefenderIncident>;
}

export function defenderIncidentWriter(client: DefenderClient): IncidentWriter {
  return { updateIncident: (id, patch) => updateIncident(client, id, patch) };
}

/** The process's gateway to Defender; integration tests replace it (actionWriter.replaceForTests) with their own. */
export const incidentWriter = processSingleton("incidentWriter", (): IncidentWriter =>
  defenderIncidentWriter(createDefenderClient()),
);
