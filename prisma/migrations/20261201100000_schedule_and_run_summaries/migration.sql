-- When each tenant module is next due (the schedule tick reads only due rows), daily summaries of
-- purged runs, and the indexes the tick and the run purge use. See docs/performance.md.

-- CreateTable
CREATE TABLE "ModuleSchedule" (
    "tenantId" UUID NOT NULL,
    "module" TEXT NOT NULL,
    "enabled" BOOLEAN NOT NULL,
    "intervalMinutes" INTEGER NOT NULL,
    "nextRunAt" TIMESTAMP(3) NOT NULL,
    "settingsUpdatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ModuleSchedule_pkey" PRIMARY KEY ("tenantId","module")
);

-- CreateTable
CREATE TABLE "RunSummary" (
    "tenantId" UUID NOT NULL,
    "module" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "runs" INTEGER NOT NULL,
    "succeeded" INTEGER NOT NULL,
    "partial" INTEGER NOT NULL,
    "failed" INTEGER NOT NULL,
    "processed" INTEGER NOT NULL,
    "created" INTEGER NOT NULL,
    "updated" INTEGER NOT NULL,
    "skipped" INTEGER NOT NULL,
    "failedItems" INTEGER NOT NULL,
    "remoteCalls" JSONB NOT NULL DEFAULT '{}',
    "busySeconds" DOUBLE PRECISION NOT NULL,

    CONSTRAINT "RunSummary_pkey" PRIMARY KEY ("tenantId","module","day")
);

-- CreateIndex
CREATE INDEX "ModuleSchedule_enabled_nextRunAt_idx" ON "ModuleSchedule"("enabled", "nextRunAt");

-- CreateIndex
CREATE INDEX "ModuleSchedule_module_settingsUpdatedAt_idx" ON "ModuleSchedule"("module", "settingsUpdatedAt");

-- CreateIndex
CREATE INDEX "Settings_updatedAt_idx" ON "Settings"("updatedAt");

-- CreateIndex
CREATE INDEX "SyncRun_queuedAt_idx" ON "SyncRun"("queuedAt");

-- AddForeignKey
ALTER TABLE "ModuleSchedule" ADD CONSTRAINT "ModuleSchedule_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RunSummary" ADD CONSTRAINT "RunSummary_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Runs that found nothing to do, for the purge's idle pass (lib/runs/purge-old-runs.ts); the
-- schema language cannot describe a partial index.
CREATE INDEX "SyncRun_idle_queuedAt_idx" ON "SyncRun"("queuedAt") WHERE "processed" = 0 AND "status" = 'SUCCEEDED';
