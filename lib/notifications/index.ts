// The notifications domain's server door: the outbox hooks other domains call inside their transactions, the worker,
// channel and rule configuration, and the delivery log.

export { recordNotificationEvent, recordNotificationEvents } from "./outbox";
export {
  recordApprovalRequestedEvent,
  recordDetectionRuleFailingEvents,
  recordFailedActionEvents,
  recordNewAlertEvents,
  recordNewIncidentEvents,
  recordSendFailedEvent,
} from "./producers";
export { startNotificationWorker, stopNotificationWorker } from "./scheduler";
export { claimDue, deliverClaimed, runNotificationPass, workerOwner, DEFAULT_WORKER } from "./worker";
export { routeEvents } from "./router";
export { sweepTimedEvents } from "./sweeps";
export { createChannel, deleteChannel, listChannels, testChannel, updateChannel } from "./channel-config";
export { createRule, deleteRule, listRules, testRule, updateRule } from "./rule-config";
export { deliveryCounts, listDeliveryLog } from "./queries";
export { resetSmtpTransport } from "./channels";
