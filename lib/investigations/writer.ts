import { processSingleton } from "../process-singleton";
import { createDefenderClient, startInvestigation, type DefenderClient, type Investigation } from "../defender";

// The investigations domain's only door to Defender; integration tests point it at their own simulated tenant.

export interface InvestigationWriter {
  /** POST /api/machines/{id}/startInvestigation, sent once. */
  start(machineId: string, comment: string): Promise<Investigation>;
}

export function defenderInvestigationWriter(client: DefenderClient): InvestigationWriter {
  return { start: (machineId, comment) => startInvestigation(client, machineId, comment) };
}

export const investigationWriter = processSingleton("investigationWriter", (): InvestigationWriter =>
  defenderInvestigationWriter(createDefenderClient()),
);
