/**
 * Personal data expires: one test per table of the inventory in docs/privacy.md. Each seeds a row
 * older than the tenant's retention and a recent one, runs the hourly purge, and checks what went
 * and what stayed. Lowering the retention or turning logs off applies to rows already stored.
 */
import { describe, expect, it } from "vitest";
import { purgeSpentAccountTokens } from "../accounts/account-tokens";
import { resolveTenantAccess } from "../auth/tenant-access";
import { purgeLoginThrottles } from "../auth/login-throttle";
import { createTestTenant, createTestUser, uniqueSuffix } from "../../testing/fixtures";
import { db } from "../db";
import { AppError, quoteError } from "../errors";
import { deleteTenantLogs } from "../logs/delete-tenant-logs";
import { logLine } from "../logs/log-line";
import { createRunLogger } from "../logs/write-log";
import { DryRunResultSchema } from "../sync/engine/write-recorder";
import { DEFAULT_PRODUCT_MAPPING } from "../sync/transform/products";
import { purgePersonalData, TENANT_DELETION_RECORD_DAYS } from "./purge-personal-data";

const DAY = 86_400_000;
const ago = (days: number) => new Date(Date.now() - days * DAY);

async function tenantKeeping(days: number, label = "privacy") {
  const fixture = await createTestTenant(label);
  await db.settings.update({ where: { tenantId: fixture.tenant.id }, data: { logRetentionDays: days } });
  return fixture;
}

describe("the retention purge", () => {
  it("LogEntry: by the retention in force now (lowered later), and everything while logs are off", async () => {
    const { tenant } = await tenantKeeping(30, "purge-logs");
    // Written under a 30-day retention, 10 days ago; then the tenant lowers it to 7.
    const old = await db.logEntry.create({
      data: { tenantId: tenant.id, level: "INFO", message: "old", createdAt: ago(10), expiresAt: new Date(Date.now() + 20 * DAY) },
    });
    const recent = await db.logEntry.create({
      data: { tenantId: tenant.id, level: "INFO", message: "recent", createdAt: ago(1), expiresAt: new Date(Date.now() + 29 * DAY) },
    });
    await purgePersonalData();
    expect(await db.logEntry.count({ where: { id: { in: [old.id, recent.id] } } })).toBe(2);
    await db.settings.update({ where: { tenantId: tenant.id }, data: { logRetentionDays: 7 } });
    await purgePersonalData();
    expect(await db.logEntry.findUnique({ where: { id: old.id } })).toBeNull();
    expect(await db.logEntry.findUnique({ where: { id: recent.id } })).not.toBeNull();
    await db.settings.update({ where: { tenantId: tenant.id }, data: { storeLogs: false } });
    await purgePersonalData();
    expect(await db.logEntry.count({ where: { tenantId: tenant.id } })).toBe(0);
  });

  it("LogEntry.message, .params: masked like the context when written", async () => {
    const { tenant } = await tenantKeeping(30, "purge-mask");
    const log = createRunLogger({ tenantId: tenant.id, storeLogs: true, retentionDays: 30 });
    log.warn("Visma.net refused customer kari.nordmann@example.no: invalid address", { email: "kari.nordmann@example.no" });
    const refused = new AppError("REMOTE_VALIDATION", "Visma.net refused customer kari.nordmann@example.no", { params: { email: "kari.nordmann@example.no" } });
    log.warn(logLine("recordFailed", { recordsOf: "order-export", externalId: "1001", error: quoteError(refused) }));
    await log.flush();
    const rows = await db.logEntry.findMany({ where: { tenantId: tenant.id } });
    expect(rows.map((row) => [row.code, row.message]).sort()).toEqual(
      [
        [null, "Visma.net refused customer k***@example.no: invalid address"],
        ["recordFailed", "Order 1001 could not be written: Visma.net refused customer k***@example.no"],
      ].sort(),
    );
    expect(JSON.stringify(rows.map((row) => [row.message, row.params, row.context]))).not.toContain("kari.nordmann");
  });

  it("SyncRun.error, .errorParams: the text goes after the retention, the code and counts stay", async () => {
    const { tenant } = await tenantKeeping(7, "purge-runs");
    const old = await db.syncRun.create({
      data: {
        tenantId: tenant.id,
        module: "ORDER_EXPORT",
        trigger: "SCHEDULE",
        status: "FAILED",
        error: "Customer Kari Nordmann refused",
        errorCode: "REMOTE_VALIDATION",
        errorParams: { name: "Kari Nordmann" },
        failed: 3,
        queuedAt: ago(9),
        finishedAt: ago(9),
      },
    });
    const recent = await db.syncRun.create({
      data: {
        tenantId: tenant.id,
        module: "ORDER_EXPORT",
        trigger: "SCHEDULE",
        status: "FAILED",
        error: "recent",
        errorCode: "REMOTE_VALIDATION",
        errorParams: { name: "recent" },
        finishedAt: ago(1),
      },
    });
    await purgePersonalData();
    expect(await db.syncRun.findUniqueOrThrow({ where: { id: old.id } })).toMatchObject({
      error: null,
      errorParams: null,
      errorCode: "REMOTE_VALIDATION",
      failed: 3,
    });
    expect(await db.syncRun.findUniqueOrThrow({ where: { id: recent.id } })).toMatchObject({ error: "recent", errorParams: { name: "recent" } });
  });

  it("SyncRun.dryRunResult: what a dry run would have sent goes after the retention, its counts stay", async () => {
    const { tenant } = await tenantKeeping(7, "purge-dry-runs");
    const result = {
      counts: { create: 1, update: 0, unchanged: 0, skipped: 1, failed: 1 },
      writes: [{ externalId: "1001", action: "create", target: "customer", payload: { name: "Kari Nordmann", address: { addressLine1: "Storgata 1" } } }],
      skips: [{ externalId: "1002", reason: "unchanged" }],
      failures: [{ externalId: "1003", code: "ORDER_INVALID", kind: "data", message: "Ship to Kari Nordmann" }],
      failuresNotListed: 0,
    };
    const dryRun = (days: number) =>
      db.syncRun.create({
        data: {
          tenantId: tenant.id,
          module: "ORDER_EXPORT",
          trigger: "MANUAL",
          status: "SUCCEEDED",
          dryRun: true,
          dryRunResult: result,
          queuedAt: ago(days),
          finishedAt: ago(days),
        },
      });
    const [old, recent] = [await dryRun(9), await dryRun(1)];
    await purgePersonalData();
    const purged = (await db.syncRun.findUniqueOrThrow({ where: { id: old.id } })).dryRunResult;
    expect(purged).toEqual({ counts: result.counts, writes: [], skips: [], failures: [], failuresNotListed: 1 });
    expect(DryRunResultSchema.safeParse(purged).success).toBe(true);
    expect((await db.syncRun.findUniqueOrThrow({ where: { id: recent.id } })).dryRunResult).toEqual(result);
  });

  it("SyncItem.lastError, .errorParams: the text goes after the retention, the ledger row (exactly once) stays", async () => {
    const { tenant } = await tenantKeeping(7, "purge-ledger");
    const old = await db.syncItem.create({
      data: {
        tenantId: tenant.id,
        module: "ORDER_EXPORT",
        externalId: "1",
        state: "FAILED",
        lastError: "Ship to Kari Nordmann, Storgata 1",
        errorCode: "ORDER_INVALID",
        errorParams: { name: "Kari Nordmann" },
        updatedAt: ago(8),
      },
    });
    const recent = await db.syncItem.create({ data: { tenantId: tenant.id, module: "ORDER_EXPORT", externalId: "2", state: "PENDING", lastError: "recent" } });
    await purgePersonalData();
    expect(await db.syncItem.findUniqueOrThrow({ where: { id: old.id } })).toMatchObject({
      state: "FAILED",
      externalId: "1",
      lastError: null,
      errorParams: null,
      errorCode: "ORDER_INVALID",
    });
    expect((await db.syncItem.findUniqueOrThrow({ where: { id: recent.id } })).lastError).toBe("recent");
  });

  it("OutboundEmail: the tenant's outbox after its retention; account e-mails after 30 days", async () => {
    const { tenant } = await tenantKeeping(7, "purge-mail");
    const mail = (tenantId: string | null, days: number) =>
      db.outboundEmail.create({
        data: { tenantId, dedupeKey: `test:${uniqueSuffix()}`, recipients: ["kari@example.no"], subject: "s", body: "b", createdAt: ago(days) },
      });
    const [old, recent, oldAccount, recentAccount] = [await mail(tenant.id, 8), await mail(tenant.id, 1), await mail(null, 31), await mail(null, 8)];
    await purgePersonalData();
    const left = (await db.outboundEmail.findMany({ where: { id: { in: [old.id, recent.id, oldAccount.id, recentAccount.id] } } })).map((row) => row.id);
    expect(left.sort()).toEqual([recent.id, recentAccount.id].sort());
  });

  it("AuditEvent: detail, the actor's e-mail and e-mails in the target go after the retention; who (by id) did what stays", async () => {
    const { tenant, users } = await tenantKeeping(7, "purge-audit");
    const old = await db.auditEvent.create({
      data: {
        tenantId: tenant.id,
        userId: users.OWNER.id,
        userEmail: users.OWNER.email,
        action: "team.add",
        target: "user:kari.nordmann@example.no",
        detail: { email: "kari.nordmann@example.no" },
        createdAt: ago(8),
      },
    });
    const recent = await db.auditEvent.create({
      data: {
        tenantId: tenant.id,
        userId: users.OWNER.id,
        userEmail: users.OWNER.email,
        action: "team.add",
        target: "user:ola@example.no",
        detail: { email: "ola@example.no" },
      },
    });
    await purgePersonalData();
    expect(await db.auditEvent.findUniqueOrThrow({ where: { id: old.id } })).toMatchObject({
      userId: users.OWNER.id,
      action: "team.add",
      target: "user:k***",
      detail: null,
      userEmail: null,
    });
    expect(await db.auditEvent.findUniqueOrThrow({ where: { id: recent.id } })).toMatchObject({ target: "user:ola@example.no", userEmail: users.OWNER.email });
  });

  it("AlertCondition: ended alerts after the retention; open ones stay", async () => {
    const { tenant } = await tenantKeeping(7, "purge-alerts");
    const ended = await db.alertCondition.create({
      data: {
        tenantId: tenant.id,
        kind: "RUNS_FAILING",
        key: "ORDER_EXPORT",
        detail: { error: "x" },
        startedAt: ago(10),
        resolvedAt: ago(8),
        resolvedNotifiedAt: ago(8),
      },
    });
    const open = await db.alertCondition.create({
      data: { tenantId: tenant.id, kind: "RECORDS_FAILED", key: "ORDER_EXPORT", detail: { count: 1 }, startedAt: ago(10) },
    });
    await purgePersonalData();
    expect(await db.alertCondition.findUnique({ where: { id: ended.id } })).toBeNull();
    expect(await db.alertCondition.findUnique({ where: { id: open.id } })).not.toBeNull();
  });

  it("Mapping.createdBy: the author's e-mail after the retention; the version stays", async () => {
    const { tenant, users } = await tenantKeeping(7, "purge-mapping");
    const old = await db.mapping.create({
      data: { tenantId: tenant.id, module: "PRODUCT_IMPORT", version: 1, config: DEFAULT_PRODUCT_MAPPING, createdBy: users.ADMIN.email, createdAt: ago(8) },
    });
    const recent = await db.mapping.create({
      data: { tenantId: tenant.id, module: "PRODUCT_IMPORT", version: 2, config: DEFAULT_PRODUCT_MAPPING, createdBy: users.ADMIN.email },
    });
    await purgePersonalData();
    expect(await db.mapping.findUniqueOrThrow({ where: { id: old.id } })).toMatchObject({ version: 1, createdBy: null });
    expect((await db.mapping.findUniqueOrThrow({ where: { id: recent.id } })).createdBy).toBe(users.ADMIN.email);
  });

  it("Connection.lastError, .lastErrorParams: when the last check is older than the retention", async () => {
    const { tenant } = await tenantKeeping(7, "purge-conn");
    const old = await db.connection.create({
      data: {
        tenantId: tenant.id,
        kind: "VISMA",
        config: {},
        status: "FAILING",
        lastError: "refused",
        lastErrorParams: { remoteMessage: "user kari@example.no" },
        lastCheckedAt: ago(8),
      },
    });
    const recent = await db.connection.create({
      data: { tenantId: tenant.id, kind: "CSCART", config: {}, status: "FAILING", lastError: "refused", lastCheckedAt: ago(1) },
    });
    await purgePersonalData();
    expect(await db.connection.findUniqueOrThrow({ where: { id: old.id } })).toMatchObject({ lastError: null, lastErrorParams: null });
    expect((await db.connection.findUniqueOrThrow({ where: { id: recent.id } })).lastError).toBe("refused");
  });

  it("TenantDeletion: the record of a deletion after a year", async () => {
    const record = (days: number) =>
      db.tenantDeletion.create({
        data: {
          tenantId: crypto.randomUUID(),
          tenantSlug: "gone",
          requestedBy: crypto.randomUUID(),
          requestedByEmail: "owner@example.no",
          requestedAt: ago(days),
          completedAt: ago(days),
        },
      });
    const [old, recent] = [await record(TENANT_DELETION_RECORD_DAYS + 1), await record(10)];
    await purgePersonalData();
    expect(await db.tenantDeletion.findUnique({ where: { id: old.id } })).toBeNull();
    expect(await db.tenantDeletion.findUnique({ where: { id: recent.id } })).not.toBeNull();
  });

  it("LoginThrottle and AccountToken: spent counters (e-mail or address in the key) and used links", async () => {
    const key = `account:${uniqueSuffix()}@example.no`;
    await db.loginThrottle.create({ data: { key, failures: 3, lastFailureAt: ago(1) } });
    const user = await createTestUser("purge-token");
    const token = await db.accountToken.create({ data: { userId: user.id, purpose: "PASSWORD_RESET", tokenHash: uniqueSuffix(), expiresAt: ago(2) } });
    await purgeLoginThrottles();
    await purgeSpentAccountTokens();
    expect(await db.loginThrottle.findUnique({ where: { key } })).toBeNull();
    expect(await db.accountToken.findUnique({ where: { id: token.id } })).toBeNull();
  });
});

describe('"Delete all logs now"', () => {
  it("removes every log-like row of the tenant, keeps what the sync needs, and touches no other tenant", async () => {
    const a = await tenantKeeping(30, "dellogs-a");
    const b = await tenantKeeping(30, "dellogs-b");
    for (const { tenant, users } of [a, b]) {
      await db.logEntry.create({ data: { tenantId: tenant.id, level: "INFO", message: "m", expiresAt: new Date(Date.now() + DAY) } });
      await db.syncRun.create({
        data: { tenantId: tenant.id, module: "ORDER_EXPORT", trigger: "SCHEDULE", status: "FAILED", error: "e", errorCode: "INTERNAL", finishedAt: new Date() },
      });
      await db.syncItem.create({ data: { tenantId: tenant.id, module: "ORDER_EXPORT", externalId: "1", state: "FAILED", lastError: "e" } });
      await db.outboundEmail.create({ data: { tenantId: tenant.id, dedupeKey: "k", recipients: ["x@example.no"], subject: "s", body: "b" } });
      await db.auditEvent.create({
        data: {
          tenantId: tenant.id,
          userId: users.OWNER.id,
          userEmail: users.OWNER.email,
          action: "team.add",
          target: "user:x@example.no",
          detail: { email: "x@example.no" },
        },
      });
      await db.alertCondition.create({
        data: { tenantId: tenant.id, kind: "RUNS_FAILING", key: "ORDER_EXPORT", detail: {}, resolvedAt: new Date(), resolvedNotifiedAt: new Date() },
      });
    }
    const result = await deleteTenantLogs(await resolveTenantAccess(a.users.ADMIN.id, a.tenant.slug, "ADMIN"));
    expect(result.removed).toMatchObject({ logEntries: 1, runErrors: 1, ledgerErrors: 1, emails: 1, auditDetails: 1, resolvedAlerts: 1 });
    const tenantId = a.tenant.id;
    expect(await db.logEntry.count({ where: { tenantId } })).toBe(0);
    expect(await db.syncRun.count({ where: { tenantId, error: { not: null } } })).toBe(0);
    expect(await db.syncItem.findFirstOrThrow({ where: { tenantId } })).toMatchObject({ state: "FAILED", externalId: "1", lastError: null });
    expect(await db.outboundEmail.count({ where: { tenantId } })).toBe(0);
    expect(await db.alertCondition.count({ where: { tenantId } })).toBe(0);
    // Only the audit of this very deletion says more than who did what.
    const audits = await db.auditEvent.findMany({ where: { tenantId, OR: [{ detail: { not: { equals: null } } }, { userEmail: { not: null } }] } });
    expect(audits.map((audit) => audit.action)).toEqual(["logs.delete"]);
    // The other tenant keeps all of it.
    expect(await db.logEntry.count({ where: { tenantId: b.tenant.id } })).toBe(1);
    expect(await db.outboundEmail.count({ where: { tenantId: b.tenant.id } })).toBe(1);
    expect((await db.syncItem.findFirstOrThrow({ where: { tenantId: b.tenant.id } })).lastError).toBe("e");
  });
});
