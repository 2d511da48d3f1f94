// The response-action domain's server-side door (docs/conventions.md). Client code imports "@/lib/actions/schemas".

export {
  requestAction,
  refreshAction,
  cancelAction,
  approveAction,
  rejectAction,
  type FollowedAction,
  type RequestedAction,
} from "./mutations";
export { bulkScan, bulkIsolate } from "./bulk";
export { liveResponseFile, listLibrary, uploadLibrary, deleteLibrary } from "./live-response";
export { recoverStuckRequests } from "./recovery";
export {
  listActions,
  countActions,
  getAction,
  actionsCsv,
  countAwaitingApproval,
  countAwaitingApprovalBy,
} from "./queries";
export { getActionSettings, saveActionSettings } from "./settings";
export {
  actionWriter,
  defenderActionWriter,
  liveResponseWriter,
  defenderLiveResponseWriter,
  type ActionWriter,
  type LiveResponseWriter,
} from "./writer";
