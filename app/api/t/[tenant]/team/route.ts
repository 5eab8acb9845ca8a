import { guardRoute, readJsonBody } from "@/lib/auth/guard";
import { browserLocale } from "@/lib/i18n/resolve-locale";
import { AddMemberInputSchema, addMember, listMembers } from "@/lib/team/manage-team";

/** GET: the team. */
export const GET = guardRoute({ role: "VIEWER" }, (ctx) => listMembers(ctx.tenant.id));

/** POST { email, role }: add someone; they are e-mailed an invitation link or, with a login already, a notice. */
export const POST = guardRoute({ role: "OWNER" }, async (ctx, request) =>
  addMember(ctx, await readJsonBody(request, AddMemberInputSchema, "new member"), { browserLocale: browserLocale(request.headers.get("accept-language")) }),
);
