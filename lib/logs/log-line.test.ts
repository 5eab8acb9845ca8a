import { describe, expect, it } from "vitest";
import { AppError, quoteDate, quoteError } from "../errors";
import { formatDateTime } from "../i18n/locales";
import { MESSAGES, translatorFor } from "../i18n/messages";
import { translateRunLog } from "../i18n/translate-run-log";
import { logLine, type LogLine, type RunLogCode, type RunLogParams } from "./log-line";
import { englishLogText } from "./write-log";

const en = translatorFor("en");
const nl = translatorFor("nl");

const missingSku = new AppError(
  "SKU_NOT_FOUND",
  "Article TSHIRT-RED-XL does not exist in Visma.net. Create it there (or correct the SKU in CS-Cart), then retry the order.",
  {
    params: { variant: "missing", missing: "TSHIRT-RED-XL", inactive: "" },
  },
);
const plainError = quoteError(new AppError("CURSOR_INVALID", "The stored position is not readable."));

/** One example of every line (the type makes this list complete). */
const SAMPLES: { [C in RunLogCode]: RunLogParams[C] } = {
  runStarted: { trigger: "SCHEDULE" },
  runFinished: { created: 3, updated: 1250, skipped: 0, failed: 1 },
  runStopped: { error: plainError },
  runPaused: { error: plainError, until: quoteDate(new Date("2026-11-30T13:20:00Z")) },
  reimportSince: { since: quoteDate(new Date("2026-11-01T00:00:00Z")) },
  dryRunStarted: {},
  dryRunFinished: { created: 2, updated: 0, skipped: 7, failed: 1 },
  readingAll: {},
  readingSince: { since: quoteDate(new Date("2026-11-30T13:05:00Z")) },
  readingOrdersSince: { since: quoteDate(new Date("2026-11-30T12:00:00Z")), lastOrderId: 1001 },
  readingOrdersAbove: { lastOrderId: 1001 },
  pageSummary: { recordsOf: "product-import", count: 1000, todo: 12 },
  pendingLeft: { recordsOf: "order-export", count: 2 },
  stoppedAfterFailures: { count: 10 },
  rereadFailed: { recordsOf: "customer-import", externalId: "10023", error: plainError },
  goneInSource: { recordsOf: "stock-sync", externalId: "SKU-1" },
  recovered: { recordsOf: "order-export", externalId: "1001", targetId: "SO-77" },
  resumingSteps: { recordsOf: "order-export", externalId: "1001", targetId: "SO-77" },
  followUpFailed: { recordsOf: "order-export", externalId: "1001", error: plainError },
  recordPending: { recordsOf: "order-export", externalId: "1001", error: plainError },
  recordFailed: { recordsOf: "order-export", externalId: "1001", error: quoteError(missingSku) },
  fixArrived: { recordsOf: "product-import", count: 3, waitedFor: "mapping" },
  fixCheckFailed: { recordsOf: "product-import", count: 3, error: plainError },
  customerIndexRefreshed: { count: 1 },
  customerCreated: { customerNumber: "10024", orderId: "1001" },
  orderExported: { orderId: "1001", salesOrder: "SO-78" },
  shipmentConfirmed: { orderId: "1001", shipments: ["SH-1", "SH-2"] },
  nothingLeftToShip: { orderId: "1001" },
  shopListsByOrderId: {},
  orderNoLongerHeld: { orderId: "1001", status: "O", days: 30 },
  shopStatusKept: { orderId: "1001", status: "C" },
  shopStatusSet: { orderId: "1001", status: "E", notified: true },
  shopShipmentCreated: { orderId: "1001", shipmentId: "7", marker: "Visma.net shipment 000012", hasTracking: false, trackingNumber: "" },
  defaultMapping: { mapping: "order" },
  mappingVersion: { mapping: "customer", version: 4 },
  webhookDelivered: { notice: "reminder", kind: "RECORDS_FAILED", status: 204 },
  webhookFailed: { error: plainError, retrying: true },
  shopCategoriesUnread: { error: plainError },
  fieldCut: { subject: "order", orderId: "1001", field: "lineDescription", max: 256, leftOut: "XL", line: 2, sku: "TSHIRT-RED-XL" },
  addressCut: { subject: "newCustomer", orderId: "1001", field: "address", lines: 3, width: 50, leftOut: "rom 7" },
  noBillingCountry: { subject: "order", orderId: "1001" },
  noShippingCountry: { subject: "order", orderId: "1001" },
  shippingTakesBillingCountry: { subject: "order", orderId: "1001", country: "NL" },
  shipViaConflict: { subject: "order", orderId: "1001", shipVias: ["POSTNL", "DHL"], used: "POSTNL" },
};

const LINES = Object.entries(SAMPLES).map(([code, params]) => logLine(code as RunLogCode, params as never));

/** A line as the dashboard gets it from the database: the stored English next to code and params. */
function stored(line: LogLine) {
  return { code: line.code, params: JSON.parse(JSON.stringify(line.params)) as unknown, message: englishLogText(line) };
}

describe("run log lines", () => {
  it("every line has its text in both languages, and every text is a line", () => {
    expect(
      Object.keys(MESSAGES.en.runLog)
        .filter((key) => !["records", "anyRecord"].includes(key))
        .sort(),
    ).toEqual(Object.keys(SAMPLES).sort());
    for (const line of LINES) {
      for (const [t, locale] of [
        [en, "en"],
        [nl, "nl"],
      ] as const) {
        const text = translateRunLog(t, locale, stored(line));
        expect(text, `${locale} ${line.code}`).not.toMatch(/runLog\.|[{}]/);
        for (const value of Object.values(line.params)) {
          if (
            typeof value === "string" &&
            !["subject", "trigger", "recordsOf", "field", "mapping", "waitedFor", "notice", "kind"].some(
              (key) => (line.params as Record<string, unknown>)[key] === value,
            )
          ) {
            expect(text, `${locale} ${line.code} names ${value}`).toContain(value);
          }
        }
      }
    }
  });

  it("stores English rendered from the message files, with quoted errors as their own text and dates in ISO 8601", () => {
    const text = (code: RunLogCode) => englishLogText(logLine(code, SAMPLES[code] as never));
    expect(text("recordFailed")).toBe(`Order 1001 could not be written: ${missingSku.message}`);
    expect(text("readingSince")).toBe("Reading records changed since 2026-11-30T13:05:00.000Z.");
    expect(text("pendingLeft")).toBe("2 orders could not be written now; a later run tries them again.");
    expect(englishLogText(logLine("pendingLeft", { recordsOf: "order-export", count: 1 }))).toBe(
      "1 order could not be written now; a later run tries it again.",
    );
    expect(text("runPaused")).toBe(
      "Run paused until 2026-11-30T13:20:00.000Z (rate limit): The stored position is not readable. A new run is queued for then.",
    );
    expect(text("webhookDelivered")).toBe("Alert webhook delivered (reminder: records failed; HTTP 204).");
    expect(text("webhookFailed")).toBe("Alert webhook not delivered: The stored position is not readable. It is tried again later.");
    expect(englishLogText(logLine("webhookFailed", { error: plainError, retrying: false }))).toBe(
      "Alert webhook not delivered: The stored position is not readable.",
    );
    expect(text("runFinished")).toBe("Run finished: 3 created, 1,250 updated, 0 unchanged, 1 failed.");
    expect(text("fieldCut")).toBe('Order 1001: The description of line 2 (TSHIRT-RED-XL) is longer than Visma.net allows (256 characters); "XL" was left out.');
  });

  it("shows a line in Dutch: the record named by its module, a quoted error and a date in Dutch", () => {
    const dutch = (code: RunLogCode) => translateRunLog(nl, "nl", stored(logLine(code, SAMPLES[code] as never)));
    expect(dutch("recordFailed")).toBe(
      "Bestelling 1001 kon niet worden geschreven: Artikel TSHIRT-RED-XL bestaat niet in Visma.net. Maak het daar aan (of corrigeer de SKU in CS-Cart) en probeer de bestelling daarna opnieuw.",
    );
    expect(dutch("readingSince")).toBe(`Records die sinds ${formatDateTime("2026-11-30T13:05:00Z", "nl")} zijn gewijzigd worden gelezen.`);
    expect(dutch("pageSummary")).toBe("1.000 artikelen te bekijken, waarvan 12 te verwerken.");
    expect(dutch("webhookDelivered")).toBe("Webhook voor meldingen afgeleverd (herinnering: records zijn mislukt; HTTP 204).");
    expect(dutch("goneInSource")).toBe("Artikel SKU-1 bestaat niet meer in de bron; er is niets te schrijven.");
    expect(dutch("shipViaConflict")).toBe(
      "Bestelling 1001: de bestelling gebruikt verzendmethoden die aan verschillende Ship via's zijn gekoppeld (POSTNL en DHL); POSTNL is gebruikt.",
    );
    expect(translateRunLog(nl, "nl", stored(logLine("pendingLeft", { recordsOf: "order-export", count: 1 })))).toMatch(/^1 bestelling kon nu niet/);
  });

  it("words an error quoted twice (a record's retries exhausted) in the reader's language", () => {
    const exhausted = new AppError("RETRIES_EXHAUSTED", `Tried 8 times without success; the last error was: ${missingSku.message}`, {
      params: { attempts: 8, lastError: quoteError(missingSku) },
    });
    const line = stored(logLine("recordFailed", { recordsOf: "order-export", externalId: "1001", error: quoteError(exhausted) }));
    expect(line.message).toBe(`Order 1001 could not be written: ${exhausted.message}`);
    expect(translateRunLog(nl, "nl", line)).toBe(
      "Bestelling 1001 kon niet worden geschreven: 8 keer geprobeerd zonder succes; de laatste fout was: Artikel TSHIRT-RED-XL bestaat niet in Visma.net. Maak het daar aan (of corrigeer de SKU in CS-Cart) en probeer de bestelling daarna opnieuw.",
    );
  });

  it("names records of a module without its own word generically", () => {
    const line = stored(logLine("goneInSource", { recordsOf: "some-new-module", externalId: "7" }));
    expect(line.message).toBe("Record 7 no longer exists in the source; nothing to write.");
    expect(translateRunLog(nl, "nl", line)).toBe("Record 7 bestaat niet meer in de bron; er is niets te schrijven.");
  });

  it("shows the stored English for a line without a code, with a code the files lack, or with params that are not params", () => {
    expect(translateRunLog(nl, "nl", { code: null, message: "Plain English." })).toBe("Plain English.");
    expect(translateRunLog(nl, "nl", { code: "noSuchLine", params: {}, message: "Plain English." })).toBe("Plain English.");
    expect(translateRunLog(nl, "nl", { code: "records", params: {}, message: "Plain English." })).toBe("Plain English.");
    expect(translateRunLog(nl, "nl", { code: "recordFailed", params: { error: { nested: { deeper: true } } }, message: "Plain English." })).toBe(
      "Plain English.",
    );
  });
});
