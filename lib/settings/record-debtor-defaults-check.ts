/** Stores the findings of the debtor defaults check on the tenant's settings (see debtor-defaults-check.ts). */
import { db, type Prisma } from "../db";
import { DebtorDefaultsCheckSchema, type DebtorDefaultsCheck } from "./debtor-defaults-check";

export async function recordDebtorDefaultsCheck(tenantId: string, fields: DebtorDefaultsCheck["fields"], checkedAt = new Date()): Promise<DebtorDefaultsCheck> {
  const check = DebtorDefaultsCheckSchema.parse({ checkedAt: checkedAt.toISOString(), fields });
  await db.settings.updateMany({ where: { tenantId }, data: { debtorDefaultsCheck: check as Prisma.InputJsonValue } });
  return check;
}
