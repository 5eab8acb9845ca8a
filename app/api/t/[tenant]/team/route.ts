import { guardRoute, readJsonBody } from "@/lib/auth/guard";
import { AddMemberInputSchema, addMember, listMembers } from "@/lib/team/manage-team";

/** GET: the team. */
export const GET = guardRoute({ role: "VIEWER" }, (ctx) => listMembers(ctx.tenant.id));

/** POST { email, role, name? }: add someone (a new e-mail gets a login with a one-time password). */
export const POST = guardRoute({ role: "OWNER" }, async (ctx, request) => addMember(ctx, await readJsonBody(request, AddMemberInputSchema, "new member")));
