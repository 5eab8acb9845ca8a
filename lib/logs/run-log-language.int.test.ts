/**
 * Runs store what the dashboard needs to word them in each reader's language: every log line its
 * code and params, a run's error and a record's error their code and params (docs/i18n.md).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSyncHarness, type SyncHarness } from "../../testing/sync-harness";
import { db } from "../db";
import { translatorFor } from "../i18n/messages";
import { translateError } from "../i18n/translate-error";
import { translateRunLog } from "../i18n/translate-run-log";
import { insertNextVersion } from "../mappings/save-mapping-version";
import { parseCustomerMapping } from "../sync/transform/customer-mapping";

const nl = translatorFor("nl");
let h: SyncHarness;

beforeAll(async () => {
  h = await startSyncHarness({ seed: 23 });
});
afterAll(async () => h?.close());

describe("a run's words in the reader's language", () => {
  it("stores every log line of a run with its code and params, and its English text for search", async () => {
    const unknownSku = [...h.cscart.state.products.values()].find((product) => !h.visma.state.inventory.has(product.productCode))!.productCode;
    const order = h.cscart.createOrder({ email: "lines@example.no", lines: [{ productCode: unknownSku }] });
    const summary = await h.run("ORDER_EXPORT");
    expect(summary.counts.failed).toBeGreaterThanOrEqual(1);
    const logs = await db.logEntry.findMany({ where: { tenantId: h.tenant.id, runId: summary.runId }, orderBy: { id: "asc" } });
    expect(logs.filter((log) => log.code === null).map((log) => log.message)).toEqual([]);
    expect(logs[0]).toMatchObject({ code: "runStarted", params: { trigger: "MANUAL" }, message: "Run started (by hand)." });
    expect(logs.at(-1)).toMatchObject({
      code: "runFinished",
      message: expect.stringMatching(/^Run finished: \d+ created, 0 updated, \d+ unchanged, \d+ failed\.$/),
    });

    const failed = logs.find((log) => log.code === "recordFailed" && (log.params as { externalId?: string }).externalId === String(order.orderId))!;
    expect(failed.level).toBe("ERROR");
    expect(failed.params).toMatchObject({ recordsOf: "order-export", error: { code: "SKU_NOT_FOUND", params: { variant: "missing" } } });
    expect(failed.message).toMatch(new RegExp(`^Order ${order.orderId} could not be written: Article .*${unknownSku}.* does not exist in Visma.net`));
    expect(translateRunLog(nl, "nl", failed)).toMatch(
      new RegExp(`^Bestelling ${order.orderId} kon niet worden geschreven: Artikel .*${unknownSku}.* bestaat niet in Visma.net`),
    );
    const exported = logs.find((log) => log.code === "orderExported")!;
    expect(translateRunLog(nl, "nl", exported)).toMatch(/^Bestelling \d+ → verkooporder \S+ in Visma\.net\.$/);
  });

  it("stores an import's record error with its params (the checkpoint ledger's batch write)", async () => {
    // A customer without an e-mail, and a placeholder rule that makes no address of its number.
    const config = parseCustomerMapping({ withoutEmail: { mode: "placeholder", template: "{number}@kunder.example.no" } });
    await db.$transaction((tx) => insertNextVersion(h.tenant.id, "customer", config, "test", tx));
    const customer = h.visma.upsertCustomer({ number: "ZM 1", name: "Zonder Mail BV", email: "" });
    await h.run("CUSTOMER_IMPORT");
    const row = await db.syncItem.findFirstOrThrow({ where: { tenantId: h.tenant.id, module: "CUSTOMER_IMPORT", externalId: customer.number } });
    expect(row).toMatchObject({
      state: "FAILED",
      errorCode: "CUSTOMER_INVALID",
      errorParams: { variant: "placeholderInvalid", number: "ZM 1", email: "zm 1@kunder.example.no" },
    });
    expect(translateError(nl, "nl", { code: row.errorCode, message: row.lastError!, params: row.errorParams })).toBe(
      'Debiteur ZM 1 in Visma.net heeft geen e-mailadres, en de regel voor een vervangend adres geeft "zm 1@kunder.example.no", en dat is geen e-mailadres.',
    );
  });

  it("stores a failed run's error with its params", async () => {
    const visma = await db.connection.findFirstOrThrow({ where: { tenantId: h.tenant.id, kind: "VISMA" } });
    await db.connection.update({ where: { id: visma.id }, data: { encryptedSecret: null } });
    try {
      const summary = await h.run("PRODUCT_IMPORT");
      const run = await db.syncRun.findUniqueOrThrow({ where: { id: summary.runId } });
      expect(run).toMatchObject({ status: "FAILED", errorCode: "CONNECTION_MISSING", errorParams: { kind: "VISMA" } });
      expect(translateError(nl, "nl", { code: run.errorCode, message: run.error!, params: run.errorParams })).toBe(
        "De verbinding met Visma.net is nog niet ingesteld: vul die in bij Verbindingen.",
      );
      const stopped = await db.logEntry.findFirstOrThrow({ where: { runId: summary.runId, code: "runStopped" } });
      expect(translateRunLog(nl, "nl", stopped)).toBe(
        "Synchronisatie gestopt: De verbinding met Visma.net is nog niet ingesteld: vul die in bij Verbindingen.",
      );
    } finally {
      await db.connection.update({ where: { id: visma.id }, data: { encryptedSecret: visma.encryptedSecret } });
    }
  });
});
