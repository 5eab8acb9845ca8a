/**
 * A tenant's data leaves with its owner: the export is a zip of JSON files with every row of it
 * (and no secret), and deletion leaves no row of it behind — checked over every table the database
 * catalog lists, so a table added later cannot be forgotten. Both are audited.
 */
import type PgBoss from "pg-boss";
import { unzipSync, strFromU8 } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { handleDeleteTenantJob } from "../../workers/jobs/delete-tenant";
import { startSyncHarness, type SyncHarness } from "../../testing/sync-harness";
import { createTestTenant } from "../../testing/fixtures";
import { saveWebhook } from "../alerts/webhook/save-webhook";
import { resolveTenantAccess } from "../auth/tenant-access";
import { db } from "../db";
import { caughtAppError } from "../http/caught-app-error";
import { translatorFor } from "../i18n/messages";
import { translateError, translateFieldIssue } from "../i18n/translate-error";
import { DELETE_TENANT_QUEUE } from "../jobs/queues";
import type { FieldIssue } from "../validation";
import { requestTenantDeletion } from "./delete-tenant";
import { EXPORT_PAGE, exportTenant } from "./export-tenant";

const [en, nl] = [translatorFor("en"), translatorFor("nl")];

let h: SyncHarness;
let boss: PgBoss;

beforeAll(async () => {
  h = await startSyncHarness({ seed: 41, cscart: { orders: 6 }, visma: { orders: 0 }, boss: true });
  boss = h.boss;
});
afterAll(async () => h?.close());

/** Rows of every table in the app's schema (from the catalog) whose text holds `needle`. */
async function rowsMentioning(needle: string): Promise<Record<string, number>> {
  const tables = await db.$queryRaw<{ table_name: string }[]>`
    select table_name::text as table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`;
  expect(tables.length).toBeGreaterThan(10);
  const found: Record<string, number> = {};
  for (const { table_name: table } of tables) {
    // The table name comes from the catalog, not from input.
    const [row] = await db.$queryRawUnsafe<{ n: number }[]>(`select count(*)::int as n from "public"."${table}" x where x::text like '%' || $1 || '%'`, needle);
    if (row!.n > 0) found[table] = row!.n;
  }
  return found;
}

describe("a tenant's data", () => {
  it("downloads as a zip of JSON files with every row and no secret, and the download is audited", async () => {
    const owner = await resolveTenantAccess(h.users.OWNER.id, h.tenant.slug, "OWNER");
    await h.run("PRODUCT_IMPORT");
    await h.run("ORDER_EXPORT");
    const { secret } = await saveWebhook(owner, { url: "https://hooks.example.com/apicenter", rotateSecret: false });
    // More log lines than one page, so the paging is exercised.
    await db.logEntry.createMany({
      data: Array.from({ length: EXPORT_PAGE * 2 + 17 }, (_, i) => ({
        tenantId: h.tenant.id,
        level: "INFO" as const,
        message: `line ${i}`,
        expiresAt: new Date(Date.now() + 86_400_000),
      })),
    });

    const response = await exportTenant(owner);
    expect(response.headers.get("content-type")).toBe("application/zip");
    expect(response.headers.get("content-disposition")).toMatch(new RegExp(`attachment; filename="apicenter-${h.tenant.slug}-\\d{4}-\\d{2}-\\d{2}\\.zip"`));
    const files = unzipSync(new Uint8Array(await response.arrayBuffer()));
    expect(Object.keys(files).sort()).toEqual(
      ["alerts", "audit", "connections", "cursors", "emails", "ledger", "logs", "mappings", "members", "runs", "settings", "tenant"].map(
        (name) => `${name}.json`,
      ),
    );
    const json = (name: string) => JSON.parse(strFromU8(files[`${name}.json`]!)) as unknown;
    const count = async (where: object, model: { count(args: { where: object }): Promise<number> }) => model.count({ where });
    expect(json("logs")).toHaveLength(await count({ tenantId: h.tenant.id }, db.logEntry));
    expect(json("ledger")).toHaveLength(await count({ tenantId: h.tenant.id }, db.syncItem));
    expect(json("runs")).toHaveLength(await count({ tenantId: h.tenant.id }, db.syncRun));
    expect(json("mappings")).toHaveLength(await count({ tenantId: h.tenant.id }, db.mapping));
    expect(json("mappings")).not.toHaveLength(0);
    expect(json("tenant")).toMatchObject({ id: h.tenant.id, slug: h.tenant.slug });
    expect(json("settings")).toMatchObject({ webhookUrl: "https://hooks.example.com/apicenter" });
    expect((json("members") as { email: string; role: string }[]).map((m) => m.role).sort()).toEqual(["ADMIN", "OWNER", "VIEWER"]);
    expect(new Set((json("logs") as { id: string }[]).map((row) => row.id)).size).toBe(
      EXPORT_PAGE * 2 + 17 + (await count({ tenantId: h.tenant.id, message: { not: { startsWith: "line " } } }, db.logEntry)),
    );

    const everything = Object.values(files)
      .map((bytes) => strFromU8(bytes))
      .join("\n");
    const stored = await db.connection.findMany({ where: { tenantId: h.tenant.id } });
    for (const connection of stored) expect(everything).not.toContain(connection.encryptedSecret!);
    for (const plain of [secret!, h.cscart.options.apiKey, h.visma.options.clientSecret]) expect(everything).not.toContain(plain);
    expect(everything).not.toMatch(/passwordHash|encryptedSecret|webhookSecret/);
    expect(await db.auditEvent.findFirst({ where: { tenantId: h.tenant.id, action: "tenant.export", userId: h.users.OWNER.id } })).not.toBeNull();
  });

  it("is deleted: secrets at once, then every row of it; accounts only when they belong to no other tenant", async () => {
    const tenantId = h.tenant.id;
    const owner = await resolveTenantAccess(h.users.OWNER.id, h.tenant.slug, "OWNER");
    // The admin is also on another tenant's team: that account stays.
    const other = await createTestTenant("elsewhere");
    await db.membership.create({ data: { tenantId: other.tenant.id, userId: h.users.ADMIN.id, role: "VIEWER" } });
    await db.alertCondition.create({ data: { tenantId, kind: "RECORDS_FAILED", key: "ORDER_EXPORT", detail: { count: 1 } } });
    await db.outboundEmail.create({ data: { tenantId, dedupeKey: "before-deletion", recipients: [h.users.OWNER.email], subject: "s", body: "b" } });
    expect(Object.keys(await rowsMentioning(tenantId)).length).toBeGreaterThan(8);

    const unconfirmed = await caughtAppError(() => requestTenantDeletion(owner, { confirm: "not-the-slug" }, boss));
    expect(unconfirmed).toMatchObject({ code: "VALIDATION_FAILED", details: { fields: { confirm: `type "${h.tenant.slug}"` } } });
    expect(translateError(nl, "nl", unconfirmed)).toBe(`Typ de naam van deze webshop, "${h.tenant.slug}", precies over om hem te verwijderen.`);
    expect(translateError(en, "en", unconfirmed)).toBe(unconfirmed.message);
    expect(translateFieldIssue(nl, "nl", "confirm", (unconfirmed.details!.fieldIssues as Record<string, FieldIssue>).confirm, "")).toBe(
      `typ "${h.tenant.slug}"`,
    );
    await expect(requestTenantDeletion(owner, { confirm: h.tenant.slug }, boss)).resolves.toEqual({ deleted: true, accountsRemoved: 2 });

    // At once: no secret, no member, nobody can open it; the owner's and viewer's accounts are gone, the admin's is not.
    expect(await db.connection.count({ where: { tenantId, OR: [{ encryptedSecret: { not: null } }, { NOT: { config: { equals: {} } } }] } })).toBe(0);
    expect(await db.settings.findUniqueOrThrow({ where: { tenantId } })).toMatchObject({ webhookSecret: null, webhookUrl: null });
    expect(await db.membership.count({ where: { tenantId } })).toBe(0);
    await expect(resolveTenantAccess(h.users.OWNER.id, h.tenant.slug, "VIEWER")).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await db.user.findUnique({ where: { id: h.users.OWNER.id } })).toBeNull();
    expect(await db.user.findUnique({ where: { id: h.users.VIEWER.id } })).toBeNull();
    expect(await db.user.findUnique({ where: { id: h.users.ADMIN.id } })).not.toBeNull();
    const again = await caughtAppError(() => requestTenantDeletion(owner, { confirm: h.tenant.slug }, boss));
    expect(again.code).toBe("NOT_FOUND");
    expect(translateError(nl, "nl", again)).toBe("Deze webshop wordt al verwijderd.");

    // The job removes the rest.
    const [job] = await boss.fetch<{ tenantId: string }>(DELETE_TENANT_QUEUE);
    expect(job?.data.tenantId).toBe(tenantId);
    const removed = (await handleDeleteTenantJob(job!)) as Record<string, number>;
    expect(removed.LogEntry).toBeGreaterThan(EXPORT_PAGE * 2);
    await boss.complete(DELETE_TENANT_QUEUE, job!.id);

    // No table holds a row of it, or of the removed accounts; only the deletion's own record remains.
    expect(await rowsMentioning(tenantId)).toEqual({ TenantDeletion: 1 });
    expect(await rowsMentioning(h.users.VIEWER.id)).toEqual({});
    expect(await rowsMentioning(h.users.OWNER.email)).toEqual({ TenantDeletion: 1 });
    const record = await db.tenantDeletion.findFirstOrThrow({ where: { tenantId } });
    expect(record).toMatchObject({ tenantSlug: h.tenant.slug, requestedBy: h.users.OWNER.id, requestedByEmail: h.users.OWNER.email });
    expect(record.completedAt).not.toBeNull();
    // No job of the tenant waits in the queues any more.
    const waiting = await db.$queryRaw<
      { n: number }[]
    >`select count(*)::int as n from pgboss.job where state in ('created', 'retry', 'active') and data::text like ${`%${tenantId}%`}`;
    expect(waiting[0]!.n).toBe(0);
    // A retried job finds nothing left to do.
    await expect(handleDeleteTenantJob(job!)).resolves.toEqual({});
  });
});
