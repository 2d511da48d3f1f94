// The response-action domain's server-side door (docs/conventions.md). Client code imports "@/lib/actions/schemas".

export { requestAction, refreshAction, cancelAction, approveAction, rejectAction, type FollowedAction, type RequestedAction } from "./mutations";
export { bulkScan } from "./bulk";
export { listActions, getAction, actionsCsv, countAwaitingApproval } from "./queries";
export { getActionSettings, saveActionSettings } from "./settings";
export { actionWriter, defenderActionWriter, useActionWriterForTests, type ActionWriter } from "./writer";
export { ActionPacer, useActionPacerForTests, ACTION_POSTS_PER_MINUTE } from "./pacer";
