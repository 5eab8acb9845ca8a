-- First contact (issue 11): sign-up links, where order export starts, dry runs, records waiting
-- for a fix, and the pick-list cache.

-- AlterEnum
ALTER TYPE "AccountTokenPurpose" ADD VALUE 'SIGNUP';

-- AlterTable
ALTER TABLE "AccountToken" ADD COLUMN     "payload" JSONB;

-- AlterTable: the order offset becomes the start point "orders after order number N". Tenants that
-- exist already keep exporting exactly what they exported before (offset 0: every order).
ALTER TABLE "Settings" ADD COLUMN     "orderExportStart" JSONB;
UPDATE "Settings" SET "orderExportStart" = jsonb_build_object(
  'kind', 'afterOrder',
  'afterOrderId', "orderOffset",
  'chosenAt', to_char(now() at time zone 'utc', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
);
ALTER TABLE "Settings" DROP COLUMN "orderOffset";

-- AlterTable
ALTER TABLE "SyncRun" ADD COLUMN     "dryRun" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "dryRunResult" JSONB;

-- AlterTable
ALTER TABLE "SyncItem" ADD COLUMN     "waitingFor" TEXT;

-- CreateTable
CREATE TABLE "RemoteList" (
    "tenantId" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "items" JSONB NOT NULL,
    "fetchedAt" TIMESTAMP(3) NOT NULL,
    "error" TEXT,

    CONSTRAINT "RemoteList_pkey" PRIMARY KEY ("tenantId","kind")
);

-- AddForeignKey
ALTER TABLE "RemoteList" ADD CONSTRAINT "RemoteList_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;
