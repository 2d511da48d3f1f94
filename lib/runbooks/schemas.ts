import { z } from "zod";

// Client-safe: runbook templates, incident runbook tasks, their inputs and DTOs.

/**
 * What a task does when started from the incident page. manual: ticked by hand (reset credentials, notify);
 * isolate and collect: the response action on a device of the incident; liveResponse: the device page's live
 * response, linked back; indicator: the indicators page (built separately), linked back by its query string.
 */
export const TASK_KINDS = ["manual", "isolate", "collect", "liveResponse", "indicator"] as const;
export type TaskKind = (typeof TASK_KINDS)[number];

export const RUNBOOK_SEVERITIES = ["Informational", "Low", "Medium", "High"] as const;

const optText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .transform((v) => v || null)
    .nullish()
    .transform((v) => v ?? null);

export const RunbookTemplateInput = z
  .object({
    name: z.string().trim().min(2).max(120),
    description: z.string().trim().max(1000).default(""),
    /** Alert category, e.g. Ransomware (any when empty). */
    category: optText(100),
    /** Lowest alert severity that matches (any when empty). */
    minSeverity: z
      .enum(RUNBOOK_SEVERITIES)
      .nullish()
      .transform((v) => v ?? null),
    /** Alert detection source, e.g. WindowsDefenderAv (any when empty). */
    detectionSource: optText(100),
    position: z.number().int().min(0).max(1000).default(100),
    enabled: z.boolean().default(true),
    tasks: z
      .array(z.object({ title: z.string().trim().min(2).max(200), kind: z.enum(TASK_KINDS) }).strict())
      .min(1)
      .max(30),
  })
  .strict();
export type RunbookTemplateInput = z.infer<typeof RunbookTemplateInput>;

export const RunbookTemplateRef = z.object({ id: z.string().uuid() });
export const RunbookTaskRef = z.object({ id: z.string().regex(/^\d{1,18}$/), taskId: z.string().uuid() });

export const RunbookTaskPatch = z
  .object({
    done: z.boolean().optional(),
    /** Who should do it (a UPN or name); null unassigns. */
    assignee: z.string().trim().min(1).max(200).nullable().optional(),
    comment: z.string().trim().max(2000).optional(),
    /** An action started from this task (its console request id). */
    actionRequestId: z.string().uuid().optional(),
  })
  .strict()
  .refine((p) => Object.keys(p).length > 0, "nothing to change");
export type RunbookTaskPatch = z.infer<typeof RunbookTaskPatch>;

export interface RunbookTemplateView {
  id: string;
  name: string;
  description: string;
  category: string | null;
  minSeverity: string | null;
  detectionSource: string | null;
  position: number;
  enabled: boolean;
  tasks: { title: string; kind: TaskKind }[];
  updatedBy: string | null;
  updatedAt: string;
}

export interface RunbookTaskView {
  id: string;
  position: number;
  title: string;
  kind: TaskKind;
  done: boolean;
  doneBy: string | null;
  doneAt: string | null;
  assignee: string | null;
  comment: string | null;
  actionRequestId: string | null;
}

export interface IncidentRunbookView {
  incidentId: string;
  name: string;
  tasks: RunbookTaskView[];
  done: number;
  total: number;
}
