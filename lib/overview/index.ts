import type { z } from "zod";
import type { Actor } from "../auth/actor";
import { countActions } from "../actions";
import { ActionFilter } from "../actions/schemas";
import { countAlerts } from "../alerts";
import { AlertView, TIME_RANGES } from "../alerts/schemas";
import { countDevices } from "../devices";
import { DeviceView } from "../devices/schemas";
import { countIncidents } from "../incidents";
import { IncidentView } from "../incidents/schemas";
import { queryRecord } from "../http/query-params";
import { getExposureSummary } from "../tvm";
import type { ScoreSummary } from "../tvm/schemas";

// The figures of the console's home page, composed from the domains' doors. Each tile is a link to a list, and
// its number is that list's own count of that very link: the href is parsed by the list page's schema and counted
// by the list's own filter code (count* in each domain), so a tile cannot say 1 while the list it opens shows 2.

export interface CountTile {
  id: string;
  label: string;
  value: number;
  href: string;
  detail?: string;
  /** Draw attention (breaches, approvals waiting) when the count is not zero. */
  alarming?: boolean;
}

export interface OverviewFigures {
  sections: { id: string; title: string; tiles: CountTile[] }[];
  exposure: ScoreSummary;
}

/** The view a list page would read from `href`. Our own links must parse: a typo here is a bug, not a banner. */
function viewOf<S extends z.ZodType>(schema: S, href: string): z.infer<S> {
  return schema.parse(queryRecord(new URL(href, "http://console").searchParams));
}

const OPEN_INCIDENTS = "status=Active,InProgress";
/** Incidents rank by the derived priority of their alerts (lib/cache/derivations), as the incident list does. */
const INCIDENT_PRIORITIES = ["Critical", "High", "Medium", "Low"] as const;

/** The figures for one reader: "@me" and approvals are theirs; every list here needs only console:read. */
export async function overviewFigures(actor: Actor, now: Date = new Date()): Promise<OverviewFigures> {
  const alertTile = async (id: string, label: string, href: string, alarming = false): Promise<CountTile> => {
    const view = viewOf(AlertView, href);
    return {
      id,
      label,
      href,
      value: await countAlerts(actor, view, now),
      detail: `Raised in the last ${TIME_RANGES[view.range]} days`,
      alarming,
    };
  };
  const [incidents, breached, near, unassigned, isolated, approvals, exposure] = await Promise.all([
    Promise.all(
      INCIDENT_PRIORITIES.map(async (priority) => {
        const href = `/incidents?${OPEN_INCIDENTS}&priority=${priority}`;
        return {
          id: `incidents-${priority.toLowerCase()}`,
          label: priority,
          href,
          value: await countIncidents(actor, viewOf(IncidentView, href), now),
          alarming: priority === "Critical" || priority === "High",
        } satisfies CountTile;
      }),
    ),
    alertTile("sla-breached", "SLA breached", "/alerts?sla=breached", true),
    alertTile("sla-near", "Near SLA breach", "/alerts?sla=near", true),
    alertTile(
      "alerts-unassigned",
      "Open alerts unassigned",
      "/alerts?status=New&status=InProgress&assignedTo=unassigned",
    ),
    (async (): Promise<CountTile> => {
      const href = "/devices?flag=isolated";
      return {
        id: "devices-isolated",
        label: "Devices isolated",
        href,
        value: await countDevices(viewOf(DeviceView, href), now),
      };
    })(),
    (async (): Promise<CountTile> => {
      const href = "/actions?tab=approvals";
      return {
        id: "actions-approvals",
        label: "Actions awaiting approval",
        href,
        value: await countActions(viewOf(ActionFilter, href)),
        // Waiting for someone like this reader: an approver's to-do, anyone else's to-know.
        alarming: actor.permissions.has("actions:approve"),
      };
    })(),
    getExposureSummary(now),
  ]);
  return {
    sections: [
      { id: "incidents", title: "Open incidents by priority", tiles: incidents },
      { id: "alerts", title: "Alerts", tiles: [breached, near, unassigned] },
      { id: "response", title: "Response", tiles: [isolated, approvals] },
    ],
    exposure,
  };
}
