import { createDefenderClient, updateIncident, type DefenderClient, type Incident as DefenderIncident, type IncidentPatch as DefenderIncidentPatch } from "../defender";

// The incident triage path's only door to Defender XDR; replaceable in integration tests.

export type { DefenderIncident, DefenderIncidentPatch };

export interface IncidentWriter {
  updateIncident(id: string, patch: DefenderIncidentPatch): Promise<DefenderIncident>;
}

export function defenderIncidentWriter(client: DefenderClient): IncidentWriter {
  return { updateIncident: (id, patch) => updateIncident(client, id, patch) };
}

const slot = globalThis as unknown as { __socIncidentWriter?: IncidentWriter };

export function incidentWriter(): IncidentWriter {
  slot.__socIncidentWriter ??= defenderIncidentWriter(createDefenderClient());
  return slot.__socIncidentWriter;
}

export function useIncidentWriterForTests(writer: IncidentWriter | undefined): void {
  slot.__socIncidentWriter = writer;
}
