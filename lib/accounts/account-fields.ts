/** The fields people type about their own login, checked the same way everywhere. */
import { z } from "zod";

/** What a new password must be: long enough to resist guessing; no composition rules. */
export const NewPasswordSchema = z.string().min(10, "at least 10 characters").max(200, "at most 200 characters");

export const EmailSchema = z.string().trim().toLowerCase().pipe(z.email("not a valid e-mail address"));
