import { setUserLocale, UserLocaleInputSchema } from "@/lib/account/user-locale";
import { guardUserRoute, readJsonBody } from "@/lib/auth/guard";

/** PUT { locale: "en" | "nl" | null }: the logged-in user's language (null: follow the browser). */
export const PUT = guardUserRoute(async (userId, request) => setUserLocale(userId, await readJsonBody(request, UserLocaleInputSchema, "language")));
