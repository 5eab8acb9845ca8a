-- The shipping method → Ship via map moves from Settings into the versioned order mapping
-- (Mapping rows of module ORDER_EXPORT; their config is parsed with defaults, so this one key is a
-- whole order mapping). Tenants that mapped nothing get no mapping row: the defaults apply.
INSERT INTO "Mapping" ("id", "tenantId", "module", "version", "config", "createdBy", "createdAt")
SELECT gen_random_uuid(), s."tenantId", 'ORDER_EXPORT', 1, jsonb_build_object('shipViaByShippingId', s."shippingMethodMap"), 'migration', CURRENT_TIMESTAMP
FROM "Settings" s
WHERE s."shippingMethodMap" <> '{}'::jsonb
  AND NOT EXISTS (SELECT 1 FROM "Mapping" m WHERE m."tenantId" = s."tenantId" AND m."module" = 'ORDER_EXPORT');

-- AlterTable
ALTER TABLE "Settings" DROP COLUMN "shippingMethodMap",
ADD COLUMN     "notifyCustomerOfStatus" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "statusAfterExport" TEXT;

-- CreateIndex
CREATE INDEX "SyncItem_tenantId_module_targetId_idx" ON "SyncItem"("tenantId", "module", "targetId");
