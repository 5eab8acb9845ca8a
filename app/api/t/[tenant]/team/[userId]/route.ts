import { guardRoute, readJsonBody } from "@/lib/auth/guard";
import { changeMemberRole, ChangeRoleInputSchema, removeMember } from "@/lib/team/manage-team";

type Params = { tenant: string; userId: string };

/** PATCH { role }: change a member's role (never the last owner's). */
export const PATCH = guardRoute<Params>({ role: "OWNER" }, async (ctx, request, params) =>
  changeMemberRole(ctx, params.userId, await readJsonBody(request, ChangeRoleInputSchema, "role change")),
);

/** DELETE: remove a member (never the last owner). */
export const DELETE = guardRoute<Params>({ role: "OWNER" }, (ctx, _request, params) => removeMember(ctx, params.userId));
