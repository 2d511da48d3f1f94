// Every action the audit log records: one list, so a route's `audit` and the rows a domain writes cannot drift
// apart by a typo, and the audit page's action filter has a known vocabulary.

export const AUDIT_ACTIONS = [
  "auth.sign_in",
  "auth.sign_out",
  "security.denied",
  "token.create",
  "token.revoke",
  "user.end_sessions",
  "settings.actions",
  "settings.triage",
  "sync.run",
  "view.create",
  "view.delete",
  "alert.triage",
  "alert.bulk_triage",
  "incident.triage",
  "incident.bulk_triage",
  "action.request",
  "action.request_approval",
  "action.approve",
  "action.reject",
  "action.withdraw",
  "action.cancel",
  "action.send",
  "action.bulk_scan",
  "action.bulk_isolate",
  "tvm.remediation.create",
  "tvm.remediation.update",
  "tvm.remediation.close",
  "tvm.remediation.reopen",
  "tvm.remediation.delete",
  "hunting.query.create",
  "hunting.query.update",
  "hunting.query.share",
  "hunting.query.unshare",
  "hunting.query.delete",
  "posture.asr.refresh",
  "posture.asr.exclusions",
  "notifications.channel.create",
  "notifications.channel.update",
  "notifications.channel.delete",
  "notifications.channel.test",
  "notifications.rule.create",
  "notifications.rule.update",
  "notifications.rule.delete",
] as const;

export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** The row recorded before a change is asked of Defender (lib/audit withExternalChange), result "pending". */
export type AuditIntentAction = `${AuditAction}.intent`;
