import { z } from "zod";
import { hashPassword } from "../auth/password";
import { db } from "../db";
import { parseOrThrow } from "../validation";

const CreateUserSchema = z.object({
  email: z.string().trim().toLowerCase().pipe(z.email("not a valid e-mail address")),
  name: z.string().trim().min(1, "a name is required").max(100),
  password: z.string().min(10, "at least 10 characters").max(200),
});

/** Creates a login, or returns the existing one with that e-mail (password left unchanged). */
export async function createUser(input: { email: string; name: string; password: string }) {
  const { email, name, password } = parseOrThrow(CreateUserSchema, input, "user");
  const existing = await db.user.findUnique({ where: { email } });
  if (existing) return existing;
  return db.user.create({ data: { email, name, passwordHash: await hashPassword(password) } });
}
