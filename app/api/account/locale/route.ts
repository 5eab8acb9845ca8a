import { setUserLocale, UserLocaleInputSchema } from "@/lib/accounts/user-locale";
import { guardAccountRoute, readJsonBody } from "@/lib/auth/guard";

/** PUT { locale: "en" | "nl" | null }: the logged-in user's language (null: follow the browser). */
export const PUT = guardAccountRoute(async (userId, request) => setUserLocale(userId, await readJsonBody(request, UserLocaleInputSchema, "language")));
