-- AlterTable
ALTER TABLE "Settings" ADD COLUMN     "debtorDefaultsCheck" JSONB,
ADD COLUMN     "shippingMethodMap" JSONB NOT NULL DEFAULT '{}';

