import { withAudit } from "../audit";
import type { AuditContext } from "../auth/actor";
import { db } from "../db";
import type { ActionSettings } from "./schemas";

// Four-eyes approval of isolate and release: off by default, switched by Admins, audited.

export const FOUR_EYES_KEY = "actions.fourEyes";

export async function getActionSettings(): Promise<ActionSettings> {
  const row = await db().setting.findUnique({ where: { key: FOUR_EYES_KEY } });
  return { fourEyes: row?.value === true };
}

export async function saveActionSettings(ctx: AuditContext, input: ActionSettings): Promise<ActionSettings> {
  return withAudit(
    ctx,
    {
      action: "settings.actions",
      targetType: "setting",
      targetId: FOUR_EYES_KEY,
      params: { fourEyes: input.fourEyes },
    },
    async (tx) => {
      await tx.setting.upsert({
        where: { key: FOUR_EYES_KEY },
        create: { key: FOUR_EYES_KEY, value: input.fourEyes, updatedBy: ctx.actor.name },
        update: { value: input.fourEyes, updatedBy: ctx.actor.name },
      });
      return { result: { fourEyes: input.fourEyes } };
    },
  );
}
