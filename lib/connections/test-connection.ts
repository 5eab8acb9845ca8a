/**
 * "Test connection": builds the client from the stored settings and secret, makes one cheap call
 * with a short timeout, and records the outcome on the Connection row (OK, or FAILING with the
 * reason in plain words, with its code and params for translation) so the overview shows it too.
 * For Visma.net it also checks the debtor defaults against the company and keeps the findings on
 * the settings, where a wrong default shows as a red field instead of every new customer's order
 * failing.
 */
import { recordAudit, type AuditActor } from "../audit/record-audit";
import { db, Prisma } from "../db";
import { toAppError, type ErrorParams } from "../errors";
import type { ConnectionTestResult, TestMessage } from "../integrations/connection-test";
import type { VismaClient } from "../integrations/visma/client";
import { recordDebtorDefaultsCheck } from "../settings/record-debtor-defaults-check";
import { getSettings } from "../settings/get-settings";
import { branchIdFor } from "../sync/transform/customers";
import type { ConnectionKindName } from "./get-connections";
import { INTERACTIVE_LIMITS, loadCscartClient, loadVismaClient } from "./load-connectors";

/** Short and bounded (the web process waits), one attempt: a retry's wait would keep the person at the screen waiting. */
const TEST_OPTIONS = { ...INTERACTIVE_LIMITS, maxAttempts: 1 };

/** The debtor defaults check of a Visma.net test: all there, which need attention, or why it could not run. */
export type DebtorDefaultsSummary =
  { state: "ok" } | { state: "attention"; problems: TestMessage[] } | { state: "unchecked"; error: { code: string; message: string; params?: ErrorParams } };

/** The summary in an English sentence (the dashboard words it from the summary itself: connectionTest.debtorDefaults). */
function summarySentence(summary: DebtorDefaultsSummary): string {
  if (summary.state === "ok") return "The new-customer defaults (payment terms, collection account, administration) exist in the company.";
  if (summary.state === "attention")
    return `But the new-customer defaults need attention (marked in Settings): ${summary.problems.map((problem) => problem.message).join(" ")}`;
  return `The new-customer defaults could not be checked: ${summary.error.message}`;
}

/** The debtor defaults checked against the company, stored for Settings. */
async function checkDebtorDefaults(tenantId: string, visma: VismaClient): Promise<DebtorDefaultsSummary> {
  try {
    const settings = await getSettings(tenantId);
    const findings = await visma.checkDebtorDefaults({
      paymentTerms: settings.debtorPaymentTerms,
      collectionAccount: settings.debtorCollectionAccount,
      branch: branchIdFor({ administration: settings.debtorAdministration }),
    });
    await recordDebtorDefaultsCheck(tenantId, {
      debtorPaymentTerms: findings.paymentTerms,
      debtorCollectionAccount: findings.collectionAccount,
      ...(findings.branch ? { debtorAdministration: findings.branch } : {}),
    });
    const problems = [findings.paymentTerms, findings.collectionAccount, findings.branch].flatMap((finding) => (finding && !finding.ok ? [finding] : []));
    if (!problems.length) return { state: "ok" };
    return { state: "attention", problems: problems.map(({ message, params }) => ({ message, params })) };
  } catch (error) {
    const { code, message, params } = toAppError(error);
    return { state: "unchecked", error: { code, message, params } };
  }
}

async function runTest(tenantId: string, kind: ConnectionKindName): Promise<ConnectionTestResult & { debtorDefaults?: DebtorDefaultsSummary }> {
  try {
    if (kind === "CSCART") return await (await loadCscartClient(tenantId, TEST_OPTIONS)).testConnection();
    const visma = await loadVismaClient(tenantId, TEST_OPTIONS);
    const result = await visma.testConnection();
    if (!result.ok) return result;
    const debtorDefaults = await checkDebtorDefaults(tenantId, visma);
    return { ...result, message: `${result.message} ${summarySentence(debtorDefaults)}`, debtorDefaults };
  } catch (error) {
    const { code, message, params } = toAppError(error);
    return { ok: false, code, message, params };
  }
}

export async function testConnection(actor: AuditActor, kind: ConnectionKindName) {
  const result = await runTest(actor.tenant.id, kind);
  const checkedAt = new Date();
  const status = result.ok ? ("OK" as const) : ("FAILING" as const);
  await db.$transaction(async (tx) => {
    await tx.connection.updateMany({
      where: { tenantId: actor.tenant.id, kind },
      data: {
        status,
        lastCheckedAt: checkedAt,
        lastError: result.ok ? null : result.message,
        lastErrorCode: result.ok ? null : result.code,
        lastErrorParams: !result.ok && result.params ? result.params : Prisma.DbNull,
      },
    });
    await recordAudit(actor, "connection.test", `connection:${kind}`, { status }, tx);
  });
  return {
    kind,
    status,
    message: result.message,
    code: result.ok ? null : result.code,
    params: result.params ?? null,
    debtorDefaults: result.debtorDefaults ?? null,
    lastCheckedAt: checkedAt,
  };
}
