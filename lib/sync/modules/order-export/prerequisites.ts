/**
 * Order export's own checks. It runs only once the tenant has chosen where it starts (nothing from
 * before that point is ever sent), and it is switched on only when the defaults for new customers
 * exist in the Visma.net company (checked by the Visma.net connection test), so the first new
 * customer does not fail every order.
 */
import { db } from "../../../db";
import { DebtorDefaultsCheckSchema, debtorDefaultProblems, DEBTOR_DEFAULT_FIELDS } from "../../../settings/debtor-defaults-check";
import { orderExportStartFrom } from "../../../settings/order-export-start";
import type { Prerequisite } from "../../engine/prerequisites";

export const orderExportStartChosen: Prerequisite = {
  id: "order-export-start-chosen",
  description: "Where order export starts is chosen.",
  code: "SETUP_INCOMPLETE",
  async unmetFor(tenantIds) {
    const unmet = new Map<string, string>();
    if (!tenantIds.length) return unmet;
    const rows = await db.settings.findMany({ where: { tenantId: { in: [...tenantIds] } }, select: { tenantId: true, orderExportStart: true } });
    const chosen = new Set(rows.filter((row) => orderExportStartFrom(row.orderExportStart) !== null).map((row) => row.tenantId));
    for (const tenantId of tenantIds) {
      if (!chosen.has(tenantId)) unmet.set(tenantId, "Choose where order export starts (Settings): until then no order is sent to Visma.net.");
    }
    return unmet;
  },
  reasonParams: () => ({ variant: "orderStart" }),
};

export const debtorDefaultsValid: Prerequisite = {
  id: "debtor-defaults-valid",
  description: "The defaults for new customers exist in the Visma.net company.",
  code: "SETUP_INCOMPLETE",
  async unmetFor(tenantIds) {
    const unmet = new Map<string, string>();
    if (!tenantIds.length) return unmet;
    const rows = await db.settings.findMany({
      where: { tenantId: { in: [...tenantIds] } },
      select: { tenantId: true, debtorDefaultsCheck: true, debtorPaymentTerms: true, debtorCollectionAccount: true, debtorAdministration: true },
    });
    const byTenant = new Map(rows.map((row) => [row.tenantId, row]));
    for (const tenantId of tenantIds) {
      const row = byTenant.get(tenantId);
      const reason = row ? debtorDefaultsReason(row) : "This shop has no settings.";
      if (reason) unmet.set(tenantId, reason);
    }
    return unmet;
  },
};

/** Null when every default was checked with its current value and found in the company. */
function debtorDefaultsReason(row: {
  debtorDefaultsCheck: unknown;
  debtorPaymentTerms: string;
  debtorCollectionAccount: string;
  debtorAdministration: string;
}): string | null {
  const check = DebtorDefaultsCheckSchema.safeParse(row.debtorDefaultsCheck);
  const current = {
    debtorPaymentTerms: row.debtorPaymentTerms,
    debtorCollectionAccount: row.debtorCollectionAccount,
    debtorAdministration: row.debtorAdministration,
  };
  const unchecked = DEBTOR_DEFAULT_FIELDS.filter((field) => !check.success || check.data.fields[field]?.value !== current[field].trim());
  if (unchecked.length)
    return "Test the Visma.net connection: it checks the defaults for new customers (payment terms, collection account, administration) against the company.";
  const problems = Object.values(debtorDefaultProblems(check.data!, current));
  return problems.length ? `Fix the defaults for new customers in Settings: ${problems.map((finding) => finding.message).join(" ")}` : null;
}
