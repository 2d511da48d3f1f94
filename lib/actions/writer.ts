import { processSingleton } from "../process-singleton";
import {
  cancelMachineAction,
  createDefenderClient,
  getMachineAction,
  pendingMachineActions,
  requestMachineAction,
  type DefenderClient,
  type GetMachineActionOptions,
  type MachineAction,
  type ResponseAction,
  type ResponseActionBody,
} from "../defender";

// The response path's only door to Defender. An interface so integration tests can point it at their own
// simulated tenant; the client is created once, on first use.

export type { MachineAction };

export interface ActionWriter {
  /** POST /api/machines/{id}/{action} → the new MachineAction (never retried after a 5xx or timeout). */
  request(machineId: string, action: ResponseAction, body: ResponseActionBody): Promise<MachineAction>;
  /** POST /api/machineactions/{id}/cancel. */
  cancel(id: string, comment: string): Promise<MachineAction>;
  /** GET /api/machineactions/{id}. */
  get(id: string, opts?: GetMachineActionOptions): Promise<MachineAction>;
  /** The device's actions not final yet (what "Action is already in progress" refers to). */
  pending(machineId: string): Promise<MachineAction[]>;
}

export function defenderActionWriter(client: DefenderClient): ActionWriter {
  return {
    request: (machineId, action, body) => requestMachineAction(client, machineId, action, body),
    cancel: (id, comment) => cancelMachineAction(client, id, comment),
    get: (id, opts) => getMachineAction(client, id, opts),
    pending: (machineId) => pendingMachineActions(client, machineId),
  };
}

/** The process's gateway to Defender; integration tests replace it (actionWriter.replaceForTests) with their own. */
export const actionWriter = processSingleton("actionWriter", (): ActionWriter =>
  defenderActionWriter(createDefenderClient()),
);
