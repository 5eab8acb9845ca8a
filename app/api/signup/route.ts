import { after } from "next/server";
import { publicRoute, readJsonBody } from "@/lib/auth/guard";
import { assertSignUpOpen, requestSignUp, SignUpInputSchema } from "@/lib/accounts/sign-up";
import { browserLocale } from "@/lib/i18n/resolve-locale";

/** POST { email, companyName }: only when SIGNUP_OPEN=true; e-mails a link that confirms the address, sets the password and creates the shop. */
export const POST = publicRoute(async (request) => {
  assertSignUpOpen();
  return requestSignUp(await readJsonBody(request, SignUpInputSchema, "sign-up"), (task) => after(task), {
    browserLocale: browserLocale(request.headers.get("accept-language")),
  });
});
