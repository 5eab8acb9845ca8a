/**
 * Operator CLI: runs one module for one tenant now, in this process, and prints the run summary
 * as JSON (counts, remote calls, duration).
 *
 *   npm run sync -- <tenant-slug> <module slug, e.g. order-export> [--dry-run]
 *
 * With --dry-run it reads and maps as a run would and writes nothing; the summary then holds what
 * the run would do (`dryRun`: counts, the first planned writes with their payloads, every failure).
 * The dry run is recorded like the dashboard's (the runs list, the audit log as "operator").
 */
import { z } from "zod";
import { applyMigrations } from "@/lib/devstack/migrate";
import { db, disconnectDb } from "@/lib/db";
import { env } from "@/lib/env";
import { AppError, toAppError } from "@/lib/errors";
import { recordOperatorAudit } from "@/lib/audit/record-audit";
import { logToStderr } from "@/lib/logger";
import { runSyncModule } from "@/lib/sync/engine/run-sync-module";
import { SYNC_MODULES } from "@/lib/sync/modules";
import { parseOrThrow } from "@/lib/validation";

const SLUGS = SYNC_MODULES.modules.map((module) => module.slug).join(", ");

const ArgsSchema = z.tuple([
  z.string({ error: "name the tenant (its slug, e.g. demo)" }).min(1),
  z.string({ error: `name the module: ${SLUGS}` }),
  z.literal("--dry-run", { error: "the only option is --dry-run" }).optional(),
]);

logToStderr();

async function main() {
  const [tenantSlug, moduleSlug, dryRunFlag] = parseOrThrow(ArgsSchema, process.argv.slice(2), "arguments");
  const dryRun = dryRunFlag === "--dry-run";
  const module = SYNC_MODULES.bySlug(moduleSlug);
  if (!module) throw new AppError("VALIDATION_FAILED", `Unknown module "${moduleSlug}"; use one of ${SLUGS}.`);
  await applyMigrations(env().DATABASE_URL);
  const tenant = await db.tenant.findUnique({ where: { slug: tenantSlug } });
  if (!tenant) throw new AppError("NOT_FOUND", `No tenant "${tenantSlug}".`);
  const summary = await runSyncModule({ tenantId: tenant.id, module: module.id, trigger: "CLI", dryRun });
  if (dryRun) await recordOperatorAudit(tenant.id, "sync.dry-run", `module:${module.id}`, { runId: summary.runId, via: "npm run sync -- --dry-run" });
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
