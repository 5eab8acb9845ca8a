/**
 * Operator CLI: creates a tenant and its first owner, and prints the owner's one-time password
 * (a new login) as JSON. A production deployment starts empty; this is how its first tenant starts.
 *
 *   npm run create-tenant -- <slug> "<company name>" <owner e-mail>
 */
import { randomBytes } from "node:crypto";
import { z } from "zod";
import { applyMigrations } from "@/lib/devstack/migrate";
import { db, disconnectDb } from "@/lib/db";
import { env } from "@/lib/env";
import { AppError, toAppError } from "@/lib/errors";
import { logToStderr } from "@/lib/logger";
import { createTenant, TenantSlugSchema } from "@/lib/tenants/create-tenant";
import { createUser } from "@/lib/tenants/create-user";
import { parseOrThrow } from "@/lib/validation";

const ArgsSchema = z.tuple([
  TenantSlugSchema,
  z.string({ error: "name the company" }).trim().min(1, "name the company"),
  z.email({ error: "give the owner's e-mail address" }),
]);

logToStderr();

async function main() {
  const [slug, name, ownerEmail] = parseOrThrow(ArgsSchema, process.argv.slice(2), "arguments");
  await applyMigrations(env().DATABASE_URL);
  // Checked before the owner's login is made, so a taken name leaves nothing behind.
  if (await db.tenant.findUnique({ where: { slug } })) throw new AppError("VALIDATION_FAILED", `A tenant named "${slug}" already exists.`);
  const existing = await db.user.findUnique({ where: { email: ownerEmail.toLowerCase() } });
  const password = existing ? undefined : randomBytes(18).toString("base64url");
  const owner = existing ?? (await createUser({ email: ownerEmail, name: ownerEmail.split("@")[0]!, password: password! }));
  const tenant = await createTenant({ slug, name, ownerUserId: owner.id });
  const result = {
    tenant: { slug: tenant.slug, name: tenant.name },
    owner: owner.email,
    ...(password ? { password, note: "Give this password to the owner once; they log in with it." } : { note: "The owner already had a login; it now owns this tenant too." }),
  };
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
}

main()
  .then(async () => {
    await disconnectDb();
    process.exit(0);
  })
  .catch(async (error) => {
    process.stderr.write(`${JSON.stringify({ error: toAppError(error).toJSON() }, null, 2)}\n`);
    await disconnectDb();
    process.exit(2);
  });
