/**
 * Operator CLI: runs one module for one tenant now, in this process, and prints the run summary
 * as JSON (counts, remote calls, duration).
 *
 *   npm run sync -- <tenant-slug> <order-export|product-import|customer-import|stock-sync>
 */
import { z } from "zod";
import { applyMigrations } from "@/lib/devstack/migrate";
import { db, disconnectDb } from "@/lib/db";
import { env } from "@/lib/env";
import { AppError, toAppError } from "@/lib/errors";
import { logToStderr } from "@/lib/logger";
import { MODULE_SLUGS, moduleFromSlug } from "@/lib/labels";
import { runSyncModule } from "@/lib/sync/engine/run-sync-module";
import { parseOrThrow } from "@/lib/validation";

const ArgsSchema = z.tuple([
  z.string({ error: "name the tenant (its slug, e.g. demo)" }).min(1),
  z.string({ error: `name the module: ${Object.values(MODULE_SLUGS).join(", ")}` }),
]);

logToStderr();

async function main() {
  const [tenantSlug, moduleSlug] = parseOrThrow(ArgsSchema, process.argv.slice(2), "arguments");
  const module = moduleFromSlug(moduleSlug);
  if (!module) throw new AppError("VALIDATION_FAILED", `Unknown module "${moduleSlug}"; use one of ${Object.values(MODULE_SLUGS).join(", ")}.`);
  await applyMigrations(env().DATABASE_URL);
  const tenant = await db.tenant.findUnique({ where: { slug: tenantSlug } });
  if (!tenant) throw new AppError("NOT_FOUND", `No tenant "${tenantSlug}".`);
  const summary = await runSyncModule({ tenantId: tenant.id, module, trigger: "CLI" });
  process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
  return summary.status === "FAILED" ? 1 : 0;
}

main()
  .then(async (code) => {
    await disconnectDb();
    process.exit(code);
  })
  .catch(async (error) => {
    const appError = toAppError(error);
    process.stderr.write(`${JSON.stringify({ error: appError.toJSON() }, null, 2)}\n`);
    await disconnectDb();
    process.exit(2);
  });
