-- CreateEnum
CREATE TYPE "AlertKind" AS ENUM ('CONNECTION_FAILING', 'RUNS_FAILING', 'ORDERS_PENDING', 'MODULE_NOT_RUNNING', 'RECORDS_FAILED', 'RATE_LIMITED');

-- AlterEnum
ALTER TYPE "RunStatus" ADD VALUE 'RATE_LIMITED';

-- AlterTable
ALTER TABLE "Tenant" ADD COLUMN     "customerIndexSalt" TEXT NOT NULL DEFAULT replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', ''),
ADD COLUMN     "deletionRequestedAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "Membership" ADD COLUMN     "alertsMuted" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "Settings" ADD COLUMN     "alertFailedRuns" INTEGER NOT NULL DEFAULT 3,
ADD COLUMN     "alertPendingOrderHours" INTEGER NOT NULL DEFAULT 4,
ADD COLUMN     "alertReminderHours" INTEGER NOT NULL DEFAULT 24,
ADD COLUMN     "webhookSecret" TEXT,
ADD COLUMN     "webhookUrl" TEXT;

-- AlterTable
ALTER TABLE "SyncRun" ADD COLUMN     "rateLimitedUntil" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "AlertCondition" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "kind" "AlertKind" NOT NULL,
    "key" TEXT NOT NULL DEFAULT '',
    "detail" JSONB NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSeenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastNotifiedAt" TIMESTAMP(3),
    "notices" INTEGER NOT NULL DEFAULT 0,
    "resolvedAt" TIMESTAMP(3),
    "resolvedNotifiedAt" TIMESTAMP(3),

    CONSTRAINT "AlertCondition_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TenantDeletion" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "tenantSlug" TEXT NOT NULL,
    "requestedBy" UUID NOT NULL,
    "requestedByEmail" TEXT NOT NULL,
    "requestedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "completedAt" TIMESTAMP(3),
    "removed" JSONB,

    CONSTRAINT "TenantDeletion_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "AlertCondition_tenantId_resolvedAt_idx" ON "AlertCondition"("tenantId", "resolvedAt");

-- CreateIndex
CREATE INDEX "AlertCondition_resolvedAt_idx" ON "AlertCondition"("resolvedAt");

-- CreateIndex
CREATE INDEX "TenantDeletion_requestedAt_idx" ON "TenantDeletion"("requestedAt");

-- AddForeignKey
ALTER TABLE "AlertCondition" ADD CONSTRAINT "AlertCondition_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- By hand (the schema language cannot describe partial indexes):
-- at most one open condition per tenant, kind and key, so two workers evaluating alerts at once
-- cannot open it twice (lib/alerts/evaluate-alerts.ts inserts with ON CONFLICT DO NOTHING).
CREATE UNIQUE INDEX "AlertCondition_open_key" ON "AlertCondition"("tenantId", "kind", "key") WHERE "resolvedAt" IS NULL;

-- The alert conditions count unfinished and failed ledger rows of every tenant each minute; this
-- index holds only those rows (few), not the millions that are done.
CREATE INDEX "SyncItem_unsettled_idx" ON "SyncItem"("tenantId", "module", "state", "createdAt") WHERE "state" IN ('PENDING', 'CLAIMED', 'FAILED');

-- The customer index now stores salted hashes (HMAC with the tenant's customerIndexSalt): the
-- unsalted rows are dropped and the index's cursor reset, so each tenant's next order export
-- rebuilds it with one complete read of the Visma.net customers before it looks anyone up.
DELETE FROM "VismaCustomerIndex";
DELETE FROM "SyncCursor" WHERE "stream" = 'VISMA_CUSTOMER_DIRECTORY';

-- Only unsettled ledger rows carry an error text from now on (the retention purge looks for them
-- through SyncItem_unsettled_idx); order export stops keeping the customer number in meta.
UPDATE "SyncItem" SET "lastError" = NULL, "errorParams" = NULL WHERE "state" IN ('DONE', 'SKIPPED') AND ("lastError" IS NOT NULL OR "errorParams" IS NOT NULL);
UPDATE "SyncItem" SET "meta" = "meta" - 'customerNumber' WHERE "meta" ? 'customerNumber';
