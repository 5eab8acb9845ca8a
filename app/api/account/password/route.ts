import { guardAccountRoute, readJsonBody } from "@/lib/auth/guard";
import { changePassword, ChangePasswordInputSchema } from "@/lib/accounts/change-password";

/** POST { currentPassword, newPassword }: change the logged-in user's password (ends their other sessions). */
export const POST = guardAccountRoute(async (userId, request) =>
  changePassword(userId, await readJsonBody(request, ChangePasswordInputSchema, "password change")),
);
