import { publicRoute, readJsonBody } from "@/lib/auth/guard";
import { SetPasswordInputSchema, setPasswordWithToken } from "@/lib/accounts/set-password-with-token";

/** POST { token, password }: choose a password with an e-mailed link (invitation or reset). */
export const POST = publicRoute(async (request) => setPasswordWithToken(await readJsonBody(request, SetPasswordInputSchema, "new password")));
