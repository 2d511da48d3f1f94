import type { AuditContext } from "../auth/actor";
import { withAudit } from "../audit";
import { db, Prisma, type PrismaClient } from "../db";
import { cacheTenantId, tenantKey, tenantScope } from "../cache/tenant";
import { Conflict, NotFound } from "../http/errors";
import { isUniqueViolation } from "../db/unique-violation";
import type {
  IncidentRunbookView,
  RunbookTaskPatch,
  RunbookTaskView,
  RunbookTemplateInput,
  RunbookTemplateView,
  TaskKind,
} from "./schemas";

// Incident runbooks (issue #18): templates of ordered tasks, matched to an incident by its alerts' category,
// severity and detection source. The first matching enabled template (lowest position, then name) is copied onto
// the incident once — by the sync when incidents or alerts changed, or when the incident page is opened — and its
// tasks are then ticked, assigned and commented on (audited). Changing a template later leaves attached runbooks
// as they were: what the team did stays what it was asked to do.

type Template = Omit<RunbookTemplateInput, "position" | "enabled" | "description"> & { position: number };

/** The set a tenant starts with; Managers change them on /runbooks. */
export const DEFAULT_TEMPLATES: Template[] = [
  {
    name: "Ransomware",
    category: "Ransomware",
    minSeverity: null,
    detectionSource: null,
    position: 10,
    tasks: [
      { title: "Isolate the affected devices", kind: "isolate" },
      { title: "Collect an investigation package", kind: "collect" },
      { title: "Block the file hashes everywhere", kind: "indicator" },
      { title: "Reset the user's credentials", kind: "manual" },
      { title: "Notify the incident manager and data protection officer", kind: "manual" },
    ],
  },
  {
    name: "Credential theft",
    category: "CredentialAccess",
    minSeverity: null,
    detectionSource: null,
    position: 20,
    tasks: [
      { title: "Reset the user's credentials and revoke their sessions", kind: "manual" },
      { title: "List the device's processes (live response)", kind: "liveResponse" },
      { title: "Review the user's recent sign-ins", kind: "manual" },
      { title: "Notify the user's manager", kind: "manual" },
    ],
  },
  {
    name: "High-severity malware",
    category: "Malware",
    minSeverity: "High",
    detectionSource: null,
    position: 30,
    tasks: [
      { title: "Isolate the affected devices", kind: "isolate" },
      { title: "Collect the malicious file (live response)", kind: "liveResponse" },
      { title: "Block the file hash everywhere", kind: "indicator" },
      { title: "Notify the incident manager", kind: "manual" },
    ],
  },
];

/** Seeded once per tenant (a Setting marks it), so deleting the defaults does not bring them back. */
async function ensureDefaults(database: PrismaClient | Prisma.TransactionClient): Promise<void> {
  const key = `runbooks.seeded:${cacheTenantId()}`;
  if (await database.setting.findUnique({ where: { key } })) return;
  await database.runbookTemplate.createMany({
    data: DEFAULT_TEMPLATES.map((t) => ({ ...tenantScope(), ...t, tasks: t.tasks, updatedByName: "console" })),
    skipDuplicates: true,
  });
  await database.setting.upsert({ where: { key }, create: { key, value: true }, update: {} });
}

const SEVERITY_RANK = (col: string) =>
  `(CASE ${col} WHEN 'Informational' THEN 0 WHEN 'Low' THEN 1 WHEN 'Medium' THEN 2 WHEN 'High' THEN 3 ELSE -1 END)`;

// The first matching template of each open incident without a runbook, its tasks copied in order. One statement,
// and the (tenant, incident, position) key makes a race between two attachers harmless.
const ATTACH = `
  INSERT INTO "RunbookTask" ("tenantId", "id", "incidentId", "templateId", "runbookName", "position", "title", "kind", "updatedAt")
  SELECT m."tenantId", gen_random_uuid()::text, m."incidentId", m."templateId", m."name", t.ord::int - 1,
         t.value->>'title', t.value->>'kind', now()
  FROM (
    SELECT DISTINCT ON (i."id") i."tenantId", i."id" AS "incidentId", r."id" AS "templateId", r."name", r."tasks"
    FROM "Incident" i
    JOIN "Alert" a ON a."tenantId" = i."tenantId" AND a."incidentId" = i."id"
    JOIN "RunbookTemplate" r ON r."tenantId" = i."tenantId" AND r."enabled"
      AND (r."category" IS NULL OR lower(r."category") = lower(a."category"))
      AND (r."detectionSource" IS NULL OR lower(r."detectionSource") = lower(a."detectionSource"))
      AND (r."minSeverity" IS NULL OR ${SEVERITY_RANK(`a."severity"`)} >= ${SEVERITY_RANK(`r."minSeverity"`)})
    WHERE i."tenantId" = $1 AND ($2::bigint IS NULL OR i."id" = $2::bigint)
      AND i."status" NOT IN ('Resolved', 'Redirected')
      AND NOT EXISTS (SELECT 1 FROM "RunbookTask" k WHERE k."tenantId" = i."tenantId" AND k."incidentId" = i."id")
    ORDER BY i."id", r."position", r."name"
  ) m
  CROSS JOIN LATERAL jsonb_array_elements(m."tasks") WITH ORDINALITY AS t(value, ord)
  ON CONFLICT DO NOTHING`;

/** Attaches matching runbooks to open incidents without one (all of them, or one); returns the tasks created. */
export async function attachRunbooks(database: PrismaClient = db(), incidentId?: bigint): Promise<number> {
  await ensureDefaults(database);
  return database.$executeRawUnsafe(ATTACH, cacheTenantId(), incidentId?.toString() ?? null);
}

function toTask(t: Prisma.RunbookTaskGetPayload<object>): RunbookTaskView {
  return {
    id: t.id,
    position: t.position,
    title: t.title,
    kind: t.kind as TaskKind,
    done: t.done,
    doneBy: t.doneByName,
    doneAt: t.doneAt?.toISOString() ?? null,
    assignee: t.assigneeName,
    comment: t.comment,
    actionRequestId: t.actionRequestId,
  };
}

/** The incident's runbook (attached now if one matches and none is yet), or null when no template matches. */
export async function getIncidentRunbook(incidentId: string): Promise<IncidentRunbookView | null> {
  const id = BigInt(incidentId);
  let tasks = await db().runbookTask.findMany({
    where: { ...tenantScope(), incidentId: id },
    orderBy: { position: "asc" },
  });
  if (tasks.length === 0 && (await attachRunbooks(db(), id)) > 0)
    tasks = await db().runbookTask.findMany({
      where: { ...tenantScope(), incidentId: id },
      orderBy: { position: "asc" },
    });
  if (tasks.length === 0) return null;
  return {
    incidentId,
    name: tasks[0].runbookName,
    tasks: tasks.map(toTask),
    done: tasks.filter((t) => t.done).length,
    total: tasks.length,
  };
}

/** Ticks, assigns, comments on a task or links an action to it; audited with what changed. */
export async function updateRunbookTask(
  ctx: AuditContext,
  incidentId: string,
  taskId: string,
  patch: RunbookTaskPatch,
): Promise<RunbookTaskView> {
  return withAudit(
    ctx,
    { action: "runbook.task.update", targetType: "incident", targetId: incidentId, params: { taskId, ...patch } },
    async (tx) => {
      const task = await tx.runbookTask.findUnique({ where: tenantKey(taskId) });
      if (!task || task.incidentId.toString() !== incidentId)
        throw new NotFound(`Task ${taskId} is not in incident ${incidentId}'s runbook.`);
      const data: Prisma.RunbookTaskUpdateInput = {};
      if (patch.done !== undefined) {
        data.done = patch.done;
        data.doneByName = patch.done ? ctx.actor.name : null;
        data.doneAt = patch.done ? new Date() : null;
      }
      if (patch.assignee !== undefined) data.assigneeName = patch.assignee;
      if (patch.comment !== undefined) data.comment = patch.comment || null;
      if (patch.actionRequestId !== undefined) {
        const action = await tx.actionRequest.findUnique({ where: tenantKey(patch.actionRequestId) });
        if (!action) throw new NotFound(`Action ${patch.actionRequestId} is not known.`);
        data.actionRequestId = action.id;
        await tx.actionRequest.update({ where: tenantKey(action.id), data: { runbookTaskId: taskId } });
      }
      const updated = await tx.runbookTask.update({ where: tenantKey(taskId), data });
      return { result: toTask(updated), params: { taskId, ...patch, title: task.title } };
    },
  );
}

// ───────────── Templates ─────────────

function toTemplate(t: Prisma.RunbookTemplateGetPayload<object>): RunbookTemplateView {
  return {
    id: t.id,
    name: t.name,
    description: t.description,
    category: t.category,
    minSeverity: t.minSeverity,
    detectionSource: t.detectionSource,
    position: t.position,
    enabled: t.enabled,
    tasks: t.tasks as RunbookTemplateView["tasks"],
    updatedBy: t.updatedByName,
    updatedAt: t.updatedAt.toISOString(),
  };
}

export async function listRunbookTemplates(): Promise<RunbookTemplateView[]> {
  await ensureDefaults(db());
  const rows = await db().runbookTemplate.findMany({
    where: tenantScope(),
    orderBy: [{ position: "asc" }, { name: "asc" }],
  });
  return rows.map(toTemplate);
}

const nameTaken = (name: string) => new Conflict(`A runbook named "${name}" exists already; choose another name.`);

export async function saveRunbookTemplate(
  ctx: AuditContext,
  id: string | null,
  input: RunbookTemplateInput,
): Promise<RunbookTemplateView> {
  const data = { ...input, tasks: input.tasks, updatedByName: ctx.actor.name };
  try {
    return await withAudit(
      ctx,
      {
        action: id ? "runbook.template.update" : "runbook.template.create",
        targetType: "runbook",
        targetId: id ?? undefined,
        params: {
          name: input.name,
          category: input.category,
          minSeverity: input.minSeverity,
          tasks: input.tasks.length,
        },
      },
      async (tx) => {
        if (id && !(await tx.runbookTemplate.findUnique({ where: tenantKey(id) })))
          throw new NotFound(`Runbook ${id} is not known.`);
        const row = id
          ? await tx.runbookTemplate.update({ where: tenantKey(id), data })
          : await tx.runbookTemplate.create({ data: { ...tenantScope(), ...data } });
        return { result: toTemplate(row), targetId: row.id };
      },
    );
  } catch (err) {
    if (isUniqueViolation(err)) throw nameTaken(input.name);
    throw err;
  }
}

export async function deleteRunbookTemplate(ctx: AuditContext, id: string): Promise<void> {
  await withAudit(ctx, { action: "runbook.template.delete", targetType: "runbook", targetId: id }, async (tx) => {
    const row = await tx.runbookTemplate.findUnique({ where: tenantKey(id) });
    if (!row) throw new NotFound(`Runbook ${id} is not known.`);
    await tx.runbookTemplate.delete({ where: tenantKey(id) });
    return { result: undefined, params: { name: row.name } };
  });
}

/** Links an action to the task it was started from, inside the action's own recording transaction. */
export async function linkTaskToAction(tx: Prisma.TransactionClient, taskId: string, actionRequestId: string) {
  await tx.runbookTask.updateMany({ where: { ...tenantScope(), id: taskId }, data: { actionRequestId } });
}
