import { processSingleton } from "../process-singleton";
import {
  cancelMachineAction,
  createDefenderClient,
  deleteLibraryFile,
  downloadLiveResponseResult,
  getLiveResponseAction,
  getLiveResponseResultLink,
  listLibraryFiles,
  runLiveResponse,
  uploadLibraryFile,
  type LibraryUpload,
  type LiveResponseCommandInput,
  type LiveResponseResultFile,
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
type LiveResponseSession = Awaited<ReturnType<typeof getLiveResponseAction>>;
type LibraryFile = Awaited<ReturnType<typeof listLibraryFiles>>[number];

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

/** Live response's door to Defender (sessions, their results, the library); replaceable like ActionWriter. */
export interface LiveResponseWriter {
  /** POST /api/machines/{id}/runliveresponse → the LiveResponse action (never retried). */
  liveResponse(
    machineId: string,
    body: { comment: string; commands: LiveResponseCommandInput[] },
  ): Promise<LiveResponseSession>;
  /** GET /api/machineactions/{id} with the session's commands. */
  liveResponseSession(id: string): Promise<LiveResponseSession>;
  /** Command `index`'s result, fetched server side through its signed 30-minute link (never given to a browser). */
  liveResponseResult(id: string, index: number): Promise<LiveResponseResultFile>;
  listLibrary(): Promise<LibraryFile[]>;
  uploadLibrary(upload: LibraryUpload): Promise<LibraryFile>;
  deleteLibrary(fileName: string): Promise<void>;
}

export function defenderActionWriter(client: DefenderClient): ActionWriter {
  return {
    request: (machineId, action, body) => requestMachineAction(client, machineId, action, body),
    cancel: (id, comment) => cancelMachineAction(client, id, comment),
    get: (id, opts) => getMachineAction(client, id, opts),
    pending: (machineId) => pendingMachineActions(client, machineId),
  };
}

/** `download` fetches results behind their signed links (a test passes its tenant's transport). */
export function defenderLiveResponseWriter(
  client: DefenderClient,
  opts: { download?: typeof fetch } = {},
): LiveResponseWriter {
  return {
    liveResponse: (machineId, body) => runLiveResponse(client, machineId, body),
    liveResponseSession: (id) => getLiveResponseAction(client, id),
    liveResponseResult: async (id, index) =>
      downloadLiveResponseResult(await getLiveResponseResultLink(client, id, index), { fetch: opts.download }),
    listLibrary: () => listLibraryFiles(client),
    uploadLibrary: (upload) => uploadLibraryFile(client, upload),
    deleteLibrary: (fileName) => deleteLibraryFile(client, fileName),
  };
}

/** The process's gateway to Defender; integration tests replace it (actionWriter.replaceForTests) with their own. */
export const actionWriter = processSingleton("actionWriter", (): ActionWriter =>
  defenderActionWriter(createDefenderClient()),
);

/** The process's live response gateway; integration tests replace it like actionWriter. */
export const liveResponseWriter = processSingleton("liveResponseWriter", (): LiveResponseWriter =>
  defenderLiveResponseWriter(createDefenderClient()),
);
