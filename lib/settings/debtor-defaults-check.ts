/**
 * The result of checking the debtor defaults (payment terms, collection account, administration =
 * branch) against the Visma.net company during "test connection", kept on the tenant's settings so
 * the Settings page can mark a wrong default red instead of every new customer's order failing.
 * Pure, so the Settings form can use it; record-debtor-defaults-check.ts stores it.
 */
import { z } from "zod";

export const DEBTOR_DEFAULT_FIELDS = ["debtorPaymentTerms", "debtorCollectionAccount", "debtorAdministration"] as const;
export type DebtorDefaultField = (typeof DEBTOR_DEFAULT_FIELDS)[number];

export const DebtorFieldCheckSchema = z.object({
  /** The value that was checked; a check of an older value says nothing about the current one. */
  value: z.string(),
  ok: z.boolean(),
  message: z.string(),
  /** Words `message` in the reader's language (messages: debtorCheck.<variant>); checks stored before have none. */
  params: z.record(z.string(), z.string()).optional(),
});
export type DebtorFieldCheck = z.infer<typeof DebtorFieldCheckSchema>;

export const DebtorDefaultsCheckSchema = z.object({
  checkedAt: z.iso.datetime(),
  fields: z.partialRecord(z.enum(DEBTOR_DEFAULT_FIELDS), DebtorFieldCheckSchema),
});
export type DebtorDefaultsCheck = z.infer<typeof DebtorDefaultsCheckSchema>;

/** Field → finding, for the defaults that were checked with their current value and found wrong. */
export function debtorDefaultProblems(
  check: DebtorDefaultsCheck | null,
  current: Record<DebtorDefaultField, string>,
): Partial<Record<DebtorDefaultField, DebtorFieldCheck>> {
  const problems: Partial<Record<DebtorDefaultField, DebtorFieldCheck>> = {};
  for (const field of DEBTOR_DEFAULT_FIELDS) {
    const result = check?.fields[field];
    if (result && !result.ok && result.value === current[field].trim()) problems[field] = result;
  }
  return problems;
}
