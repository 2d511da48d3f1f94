import { route } from "@/lib/auth/route";
import { countAwaitingApprovalBy } from "@/lib/actions";

// GET /api/actions/approvals (actions:approve) — how many requests await this person's approval (the nav badge)
export const GET = route({ permission: "actions:approve" }, async ({ actor }) => ({
  data: { awaiting: await countAwaitingApprovalBy(actor.id) },
}));
