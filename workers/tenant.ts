/**
 * Operator CLI for tenants, printing JSON like the sync CLI:
 *
 *   npm run tenant -- create <slug> --name "<company name>" --owner <owner e-mail>
 *   npm run tenant -- list
 *
 * `create` makes the tenant (every module off, no start point: lib/tenants/create-tenant.ts) and
 * invites its owner the way the team page does (lib/team/manage-team.ts): a single-use link to
 * choose a password, or a notice when the address has a login. When the e-mail could not be sent
 * (no SMTP_URL, or the server refused it), the link is printed for the operator to hand over.
 * `list` prints every tenant with its slug, name, owners and whether it is set up.
 */
import { parseArgs } from "node:util";
import { z } from "zod";
import { recordOperatorAudit } from "@/lib/audit/record-audit";
import { EmailSchema } from "@/lib/accounts/account-fields";
import { applyMigrations } from "@/lib/devstack/migrate";
import { db, disconnectDb } from "@/lib/db";
import { env } from "@/lib/env";
import { AppError, toAppError } from "@/lib/errors";
import { logToStderr } from "@/lib/logger";
import { getSetupStatus } from "@/lib/setup/get-setup-status";
import { inviteMember } from "@/lib/team/manage-team";
import { createTenant, TenantNameSchema, TenantSlugSchema } from "@/lib/tenants/create-tenant";
import { parseOrThrow } from "@/lib/validation";

const USAGE = 'npm run tenant -- create <slug> --name "<company name>" --owner <e-mail>  |  npm run tenant -- list';

const CreateArgsSchema = z.object({ slug: TenantSlugSchema, name: TenantNameSchema, owner: EmailSchema });

logToStderr();

async function create(args: string[]) {
  const { values, positionals } = parseArgs({ args, options: { name: { type: "string" }, owner: { type: "string" } }, allowPositionals: true, strict: true });
  if (positionals.length !== 1) throw new AppError("VALIDATION_FAILED", `Name exactly one slug. Usage: ${USAGE}`);
  const { slug, name, owner } = parseOrThrow(CreateArgsSchema, { slug: positionals[0], name: values.name, owner: values.owner }, "arguments");
  const tenant = await createTenant({ slug, name });
  try {
    const invited = await inviteMember({ id: tenant.id, name: tenant.name }, "The APIcenter operator", { email: owner, role: "OWNER" }, (tx) =>
      recordOperatorAudit(tenant.id, "team.add", `user:${owner}`, { email: owner, role: "OWNER", via: "npm run tenant" }, tx),
    );
    const dedupeKey = invited.invitation ? `invitation:${invited.invitation.tokenId}` : null;
    const mail = dedupeKey ? await db.outboundEmail.findFirst({ where: { tenantId: null, dedupeKey }, select: { status: true } }) : null;
    const sent = !invited.invitation || mail?.status === "SENT";
    return {
      tenant: { slug: tenant.slug, name: tenant.name },
      owner: invited.email,
      ...(invited.invitation
        ? sent
          ? { note: "The owner was e-mailed a link to choose a password (it works once, for 7 days)." }
          : {
              invitationLink: invited.invitation.link,
              note: "The invitation e-mail could not be sent (no SMTP_URL, or the server refused it): give the owner this link (it works once, for 7 days).",
            }
        : { note: "The owner already had a login; it now owns this tenant too, and was told by e-mail." }),
    };
  } catch (error) {
    // No tenant without an owner: the invitation failed, so the tenant goes again.
    await db.tenant.delete({ where: { id: tenant.id } });
    throw error;
  }
}

async function list() {
  const tenants = await db.tenant.findMany({
    orderBy: { slug: "asc" },
    select: { id: true, slug: true, name: true, createdAt: true, memberships: { where: { role: "OWNER" }, select: { user: { select: { email: true } } } } },
  });
  const rows = [];
  for (const tenant of tenants) {
    const setup = await getSetupStatus(tenant.id, tenant.slug);
    rows.push({
      slug: tenant.slug,
      name: tenant.name,
      owners: tenant.memberships.map((membership) => membership.user.email).sort(),
      setUp: setup.setUp,
      openSteps: setup.steps.filter((step) => !step.done).map((step) => step.id),
      modulesOn: setup.modules.filter((module) => module.enabled).map((module) => module.module),
      createdAt: tenant.createdAt,
    });
  }
  return rows;
}

async function main() {
  const [command, ...rest] = process.argv.slice(2);
  if (command !== "create" && command !== "list") throw new AppError("VALIDATION_FAILED", `Unknown command "${command ?? ""}". Usage: ${USAGE}`);
  await applyMigrations(env().DATABASE_URL);
  const result = command === "create" ? await create(rest) : await list();
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
