import { humanize, label } from "../labels";

// Client-safe and pure: an audit row as a sentence a person reads ("Ana Analyst resolved this alert as False
// positive — Not malicious"), and which person wrote each comment Defender attributes to the console's app.

/** One line of an alert's or incident's "History in this console". */
export interface HistoryEntry {
  at: string;
  actorName: string;
  action: string;
  result: string;
  /** The whole line as a sentence, naming the person. */
  summary: string;
  /** Only for readers with audit:read (null otherwise). */
  params: unknown;
  error: string | null;
}

type Params = Record<string, unknown>;
/** A verb in the two forms a sentence needs: what was done, and what was tried or asked. */
type Clause = [past: string, infinitive: string];

const text = (v: unknown): string | null => (typeof v === "string" && v.trim() ? v.trim() : null);
const quote = (v: string, max = 80) => `“${v.length > max ? `${v.slice(0, max - 1)}…` : v}”`;

function joinClauses(parts: string[]): string {
  return parts.length <= 1 ? (parts[0] ?? "") : `${parts.slice(0, -1).join(", ")} and ${parts.at(-1)}`;
}

/** "as False positive — Not malicious", from a triage change's classification and determination. */
function verdict(p: Params): string {
  const classification = text(p.classification);
  if (!classification) return "";
  const determination = text(p.determination);
  return ` as ${label("classification", classification)}${determination ? ` — ${label("determination", determination)}` : ""}`;
}

/** A triage change (alert or incident) as clauses: the first names the target, the rest say "it". */
function triageClauses(p: Params, target: string, statusKind: "alertStatus" | "incidentStatus"): Clause[] {
  const clauses: Clause[] = [];
  const subject = () => (clauses.length ? "it" : target);
  const status = text(p.status);
  if (status === "Resolved") clauses.push([`resolved ${subject()}${verdict(p)}`, `resolve ${subject()}${verdict(p)}`]);
  else {
    if (status) {
      const to = `set ${subject()} to ${label(statusKind, status)}`;
      clauses.push([to, to]);
    }
    if (text(p.classification))
      clauses.push([`classified ${subject()}${verdict(p)}`, `classify ${subject()}${verdict(p)}`]);
  }
  const assignee = text(p.assignedTo);
  if (assignee) clauses.push([`assigned ${subject()} to ${assignee}`, `assign ${subject()} to ${assignee}`]);
  const comment = text(p.comment);
  if (comment) clauses.push([`commented ${quote(comment)}`, `comment ${quote(comment)}`]);
  if (!clauses.length) clauses.push([`changed ${target}`, `change ${target}`]);
  return clauses;
}

function clausesOf(action: string, p: Params, target: string): Clause[] {
  const type = text(p.type) ? label("actionType", text(p.type)) : "a response action";
  const scope = text(p.scope) ? ` (${text(p.scope)})` : "";
  const why = text(p.comment) ?? text(p.reason);
  const because = why ? `: ${quote(why)}` : "";
  const requester = text(p.requestedBy);
  switch (action) {
    case "alert.triage":
      return triageClauses(p, target, "alertStatus");
    case "alert.bulk_triage": {
      const clauses = triageClauses(p, target, "alertStatus");
      const batch = typeof p.batch === "number" && p.batch > 1 ? ` (one bulk change of ${p.batch} alerts)` : "";
      return batch ? [...clauses.slice(0, -1), clauses.at(-1)!.map((c) => c + batch) as Clause] : clauses;
    }
    case "incident.triage":
      return triageClauses(p, target, "incidentStatus");
    case "action.request":
      return [[`requested ${type}${scope} on ${target}${because}`, `request ${type}${scope} on ${target}${because}`]];
    case "action.request_approval":
      return [
        [
          `asked for approval of ${type}${scope} on ${target}${because}`,
          `ask for approval of ${type}${scope} on ${target}${because}`,
        ],
      ];
    case "action.approve":
      return [
        [
          `approved ${requester ? `${requester}'s ` : ""}${type} of ${target}${because}`,
          `approve ${type} of ${target}`,
        ],
      ];
    case "action.reject":
      return [
        [`rejected ${requester ? `${requester}'s ` : ""}${type} of ${target}${because}`, `reject ${type} of ${target}`],
      ];
    case "action.withdraw":
      return [[`withdrew a request for ${target}${because}`, `withdraw a request for ${target}`]];
    case "action.cancel":
      return [[`cancelled ${type} on ${target}${because}`, `cancel ${type} on ${target}`]];
    case "action.send":
      return [[`sent ${type}${scope} on ${target} to Defender`, `send ${type}${scope} on ${target} to Defender`]];
    case "action.bulk_scan": {
      const devices = typeof p.devices === "number" ? `${p.devices} device${p.devices === 1 ? "" : "s"}` : "devices";
      const scan = text(p.scanType) ? ` (${text(p.scanType)})` : "";
      return [[`queued an antivirus scan${scan} on ${devices}`, `queue an antivirus scan${scan} on ${devices}`]];
    }
    case "token.create": {
      const name = text(p.name) ? ` ${quote(text(p.name)!)}` : "";
      const role = text(p.role) ? ` with the ${text(p.role)} role` : "";
      return [[`created the API token${name}${role}`, `create the API token${name}${role}`]];
    }
    case "token.revoke":
      return [[`revoked ${target}`, `revoke ${target}`]];
    case "view.create": {
      const name = text(p.name) ? quote(text(p.name)!) : target;
      const shared = p.shared === true ? " and shared it with everyone" : "";
      return [[`saved the view ${name}${shared}`, `save the view ${name}${shared}`]];
    }
    case "view.delete":
      return [[`deleted the view ${text(p.name) ? quote(text(p.name)!) : target}`, `delete the view`]];
    case "hunting.query.create":
    case "hunting.query.share": {
      const name = text(p.name) ? quote(text(p.name)!) : target;
      // A share is either a new query saved as shared, or an existing one (its `changed` fields listed) made shared.
      if (action === "hunting.query.share" && Array.isArray(p.changed))
        return [[`shared the hunting query ${name} with everyone`, `share the hunting query ${name} with everyone`]];
      const folder = text(p.folder) ? ` in ${quote(text(p.folder)!)}` : "";
      const shared = action === "hunting.query.share" ? " and shared it with everyone" : "";
      return [
        [`saved the hunting query ${name}${folder}${shared}`, `save the hunting query ${name}${folder}${shared}`],
      ];
    }
    case "hunting.query.unshare": {
      const name = text(p.name) ? quote(text(p.name)!) : target;
      return [[`made the hunting query ${name} private again`, `make the hunting query ${name} private`]];
    }
    case "hunting.query.update": {
      const name = text(p.name) ? quote(text(p.name)!) : target;
      const changed = Array.isArray(p.changed) ? p.changed.filter((c): c is string => typeof c === "string") : [];
      const what = changed.length ? ` (${joinClauses(changed.map((c) => humanize(c).toLowerCase()))})` : "";
      return [[`changed the hunting query ${name}${what}`, `change the hunting query ${name}${what}`]];
    }
    case "hunting.query.delete":
      return [
        [
          `deleted the ${p.shared === true ? "shared " : ""}hunting query ${text(p.name) ? quote(text(p.name)!) : target}`,
          `delete the hunting query ${text(p.name) ? quote(text(p.name)!) : target}`,
        ],
      ];
    case "posture.asr.refresh":
      return [["refreshed the ASR hits from advanced hunting", "refresh the ASR hits from advanced hunting"]];
    case "posture.asr.exclusions": {
      const n = Array.isArray(p.paths) ? p.paths.length : null;
      const what = n === null ? "" : ` (${n} path${n === 1 ? "" : "s"})`;
      return [[`set the accepted ASR exclusions${what}`, `set the accepted ASR exclusions${what}`]];
    }
    case "settings.triage":
      return [["changed the priority rules and SLA clocks", "change the priority rules and SLA clocks"]];
    case "settings.actions":
      return typeof p.fourEyes === "boolean"
        ? [
            [
              `turned four-eyes approval ${p.fourEyes ? "on" : "off"}`,
              `turn four-eyes approval ${p.fourEyes ? "on" : "off"}`,
            ],
          ]
        : [["changed the response action settings", "change the response action settings"]];
    case "sync.run":
      return p.full === true
        ? [["started a full resync", "start a full resync"]]
        : [["started a sync", "start a sync"]];
    case "auth.sign_in":
      return [["signed in", "sign in"]];
    case "auth.sign_out":
      return [["signed out", "sign out"]];
    case "user.end_sessions":
      return [[`ended the sessions of ${target}`, `end the sessions of ${target}`]];
    case "security.denied":
      return [[`was refused (${humanize(text(p.reason) ?? "denied").toLowerCase()}) on ${target}`, `call ${target}`]];
    case "notifications.channel.create":
    case "notifications.channel.update":
    case "notifications.channel.delete":
    case "notifications.rule.create":
    case "notifications.rule.update":
    case "notifications.rule.delete": {
      const [, what, verb] = action.split(".");
      const noun =
        what === "channel"
          ? text(p.kind)
            ? `the ${label("channelKind", text(p.kind))} channel`
            : "the notification channel"
          : "the notification rule";
      const name = text(p.name) ? ` ${quote(text(p.name)!)}` : "";
      const past = { create: "created", update: "changed", delete: "deleted" }[verb as "create" | "update" | "delete"];
      return [[`${past} ${noun}${name}`, `${verb} ${noun}${name}`]];
    }
    case "detection.rule.create":
    case "detection.rule.update":
    case "detection.rule.enable":
    case "detection.rule.disable":
    case "detection.rule.delete": {
      const verb = action.split(".")[2] as "create" | "update" | "enable" | "disable" | "delete";
      const name = text(p.name) ? quote(text(p.name)!) : target;
      const past = { create: "created", update: "changed", enable: "enabled", disable: "disabled", delete: "deleted" }[
        verb
      ];
      const present = verb === "update" ? "change" : verb;
      return [[`${past} the custom detection rule ${name}`, `${present} the custom detection rule ${name}`]];
    }
    case "notifications.channel.test": {
      const name = text(p.name) ? ` ${quote(text(p.name)!)}` : "";
      return [
        [
          `sent a test message through${name || " a notification channel"}`,
          `send a test message through${name || " a notification channel"}`,
        ],
      ];
    }
    case "tvm.remediation.create":
      return [[`created ${target}`, `create ${target}`]];
    case "investigation.start":
      return [[`started an automated investigation on ${target}`, `start an automated investigation on ${target}`]];
    case "indicator.create": {
      const what = `${text(p.action) ?? "an"} indicator for ${text(p.indicatorValue) ? quote(text(p.indicatorValue)!) : target}`;
      return [[`submitted the ${what}`, `submit the ${what}`]];
    }
    case "indicator.import": {
      const rows = typeof p.rows === "number" ? `${p.rows} indicator(s)` : "indicators";
      return [[`imported ${rows}`, `import ${rows}`]];
    }
    case "indicator.delete": {
      const n = Array.isArray(p.ids) ? p.ids.length : 1;
      return [[`deleted ${n} indicator(s)`, `delete ${n} indicator(s)`]];
    }
    case "runbook.task.update": {
      const task = text(p.title) ? quote(text(p.title)!) : "a runbook task";
      const what =
        p.done === true
          ? `ticked ${task}`
          : p.done === false
            ? `reopened ${task}`
            : p.actionRequestId
              ? `started an action from ${task}`
              : text(p.assignee)
                ? `assigned ${task} to ${text(p.assignee)}`
                : `commented on ${task}`;
      return [[`${what} in the runbook of ${target}`, `update ${task} in the runbook of ${target}`]];
    }
    case "liveresponse.result":
      return [[`stored the live response results from ${target}`, `store the live response results from ${target}`]];
    case "liveresponse.download":
      return [
        [
          `downloaded ${text(p.path) ?? "a file"} collected from ${target}`,
          `download ${text(p.path) ?? "a file"} collected from ${target}`,
        ],
      ];
    default: {
      const verb = humanize(action.split(".").at(-1) ?? action).toLowerCase();
      return [[`${verb} ${target}`, `${verb} ${target}`]];
    }
  }
}

/**
 * What an audit row did, as the rest of a sentence after its actor: "resolved this alert as False positive — Not
 * malicious". A failed act reads "tried to …", an intent (recorded before Defender was asked) "asked Defender to …".
 */
export function describeAuditEvent(e: { action: string; params: unknown; result: string }, target: string): string {
  const intent = e.action.endsWith(".intent");
  const action = intent ? e.action.slice(0, -".intent".length) : e.action;
  const p = (e.params && typeof e.params === "object" ? e.params : {}) as Params;
  const clauses = clausesOf(action, p, target);
  if (intent) return `asked Defender to ${joinClauses(clauses.map((c) => c[1]))}`;
  if (e.result === "failure") return `tried to ${joinClauses(clauses.map((c) => c[1]))}`;
  return joinClauses(clauses.map((c) => c[0]));
}

// ───────────── Who wrote a comment ─────────────

export interface CommentLike {
  comment: string;
  createdBy: string | null;
  createdTime: string | null;
}

/** A comment the console sent to Defender, from its own audit row: who, when, what. */
export interface AuthoredComment {
  at: string;
  actorName: string;
  comment: string;
}

/** Defender records comments made through an application under the application's id (a GUID). */
const APP_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** How far Defender's comment time and the console's audit time may be apart for one comment. */
const MATCH_WINDOW_MS = 15 * 60_000;

/**
 * Each comment with the person who wrote it. Defender credits a comment sent through the console to the console's
 * app registration, so the console's own audit rows (same text, close in time) name the person; each row is used
 * once, nearest first. A comment made in the Defender portal keeps Defender's author; an app-credited comment the
 * console has no row for says so instead of showing the app's id.
 */
export function attributeComments<C extends CommentLike>(comments: C[], authored: AuthoredComment[]): C[] {
  const unused = [...authored];
  return comments.map((c) => {
    const time = c.createdTime ? Date.parse(c.createdTime) : NaN;
    let best = -1;
    let bestGap = Infinity;
    unused.forEach((a, i) => {
      if (a.comment.trim() !== c.comment.trim()) return;
      const gap = Number.isNaN(time) ? MATCH_WINDOW_MS : Math.abs(Date.parse(a.at) - time);
      if (gap <= MATCH_WINDOW_MS && gap < bestGap) [best, bestGap] = [i, gap];
    });
    if (best >= 0) {
      const [match] = unused.splice(best, 1);
      return { ...c, createdBy: match!.actorName };
    }
    if (c.createdBy && APP_ID.test(c.createdBy))
      return { ...c, createdBy: "through the console (author not recorded)" };
    return c;
  });
}
