import { after } from "next/server";
import { publicRoute, readJsonBody } from "@/lib/auth/guard";
import { PasswordResetRequestSchema, requestPasswordReset } from "@/lib/accounts/request-password-reset";
import { browserLocale } from "@/lib/i18n/resolve-locale";

/** POST { email }: e-mail a reset link if the address has a login; the answer is the same either way. */
export const POST = publicRoute(async (request) =>
  requestPasswordReset(await readJsonBody(request, PasswordResetRequestSchema, "password reset"), (task) => after(task), {
    browserLocale: browserLocale(request.headers.get("accept-language")),
  }),
);
