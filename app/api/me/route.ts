import { route } from "@/lib/auth/route";

// GET /api/me (any signed-in user or token) — who the console thinks you are
export const GET = route({ permission: "authenticated" }, async ({ actor }) => ({
  type: actor.type,
  id: actor.id,
  name: actor.name,
  roles: actor.roles,
  permissions: [...actor.permissions].sort(),
}));
