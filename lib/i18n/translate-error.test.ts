import { describe, expect, it } from "vitest";
import { z } from "zod";
import { AppError } from "../errors";
import { caughtAppError } from "../http/caught-app-error";
import { appErrorFromResponse, appErrorFromTransportFailure } from "../http/remote-errors";
import { CscartConfigSchema } from "../integrations/cscart/config";
import { SettingsInputSchema, DEFAULT_SETTINGS } from "../settings/defaults";
import { explainOrderError } from "../sync/transform/explain-order-error";
import { parseOrder, rawOrder1042 } from "../sync/transform/fixtures";
import { mapShopOrderToSalesOrder } from "../sync/transform/shop-order-to-sales-order";
import { fieldIssuesOf } from "../validation";
import { translatorFor } from "./messages";
import { translateError, translateFieldIssue } from "./translate-error";

const nl = translatorFor("nl");
const en = translatorFor("en");
const cscart = { remote: "cscart", remoteLabel: "the CS-Cart shop", endpoint: "GET /api/2.0/orders" };

describe("errors in the reader's language", () => {
  it("words a remote refusal in Dutch, with the status, the endpoint and what the remote said", () => {
    const error = appErrorFromResponse(cscart, { status: 401, bodyText: JSON.stringify({ message: "Access denied" }) });
    expect(translateError(nl, "nl", error)).toBe(
      'De CS-Cart-webshop heeft de inloggegevens niet geaccepteerd. Controleer ze bij de instellingen van de verbinding. (HTTP 401 van GET /api/2.0/orders). Het externe systeem meldde: "Access denied".',
    );
    // The English words come from the message file too, and match the code's own text.
    expect(translateError(en, "en", error)).toBe(error.message);
  });

  it("words a network failure by its kind", () => {
    const cause = Object.assign(new Error("getaddrinfo ENOTFOUND shop.invalid"), { code: "ENOTFOUND" });
    const error = appErrorFromTransportFailure(cscart, { kind: "network", outcomeUnknown: false, cause });
    expect(translateError(nl, "nl", error)).toBe("De CS-Cart-webshop is niet bereikbaar (GET /api/2.0/orders): de hostnaam is niet gevonden (controleer het adres).");
  });

  it("names the missing and the inactive articles of a failed order", () => {
    const remote = new AppError("REMOTE_VALIDATION", "rejected", {
      details: { remoteMessage: "Inventory item 'A-1' was not found; Inventory item 'B-2' was not found; Inventory item 'SRV' has status Inactive" },
    });
    const error = explainOrderError(remote);
    expect(error.params).toEqual({ variant: "both", missing: ['"A-1"', '"B-2"'], inactive: ['"SRV"'] });
    expect(translateError(nl, "nl", error)).toBe(
      'Artikel "A-1" en "B-2" bestaat niet in Visma.net. Maak het daar aan (of corrigeer de SKU in CS-Cart). Artikel "SRV" is in Visma.net niet actief voor verkoop. Activeer het daar en probeer de bestelling daarna opnieuw.',
    );
  });

  it("keeps the English message for an error without params, or with a code or variant the files lack", () => {
    expect(translateError(nl, "nl", new AppError("NOT_FOUND", "There is no such thing."))).toBe("There is no such thing.");
    expect(translateError(nl, "nl", { code: "NO_SUCH_CODE", message: "Plain English.", params: {} })).toBe("Plain English.");
    expect(translateError(nl, "nl", { code: "NOT_FOUND", message: "Plain English.", params: {} })).toBe("Plain English.");
    expect(translateError(nl, "nl", { code: "NOT_FOUND", message: "Plain English.", params: { variant: "constructor" } })).toBe("Plain English.");
    expect(translateError(nl, "nl", { code: "NOT_FOUND", message: "Plain English.", params: { variant: { nested: true } } })).toBe("Plain English.");
  });

  it("fills params into the translation", () => {
    const error = new AppError("TOO_MANY_ATTEMPTS", "Too many failed logins.", { params: { variant: "minutes", count: 15 } });
    expect(translateError(nl, "nl", error)).toBe("Te veel mislukte inlogpogingen. Wacht 15 minuten en probeer het opnieuw.");
    const soon = new AppError("TOO_MANY_ATTEMPTS", "Too many failed logins.", { params: { variant: "seconds", count: 1 } });
    expect(translateError(nl, "nl", soon)).toBe("Te veel mislukte inlogpogingen. Wacht 1 seconde en probeer het opnieuw.");
  });
});

describe("field errors in the reader's language", () => {
  const settingsIssues = (change: Record<string, unknown>) => {
    const result = SettingsInputSchema.safeParse({ ...DEFAULT_SETTINGS, ...change });
    if (result.success) throw new Error("expected invalid settings");
    return fieldIssuesOf(result.error);
  };

  it("turns zod's issues into codes with params", () => {
    expect(settingsIssues({ logRetentionDays: 0 })).toEqual({ logRetentionDays: { code: "tooLow", params: { minimum: 1 } } });
    expect(settingsIssues({ failureEmailRecipients: ["ok@example.com", "nope"] })).toEqual({ "failureEmailRecipients.1": { code: "email" } });
    expect(settingsIssues({ debtorPaymentTerms: " " })).toEqual({ debtorPaymentTerms: { code: "required" } });
    expect(settingsIssues({ orderOffset: null })).toEqual({ orderOffset: { code: "number" } });
    expect(settingsIssues({ emailLocale: "fr" })).toEqual({ emailLocale: { code: "choice", params: { values: ["en", "nl"] } } });
    const url = CscartConfigSchema.safeParse({ shopUrl: "ftp://shop.example.com", adminEmail: "a@example.com" });
    expect(url.success ? {} : fieldIssuesOf(url.error)).toEqual({ shopUrl: { code: "urlScheme" } });
    const tooLong = z.object({ q: z.string().max(3) }).safeParse({ q: "abcd" });
    expect(tooLong.success ? {} : fieldIssuesOf(tooLong.error)).toEqual({ q: { code: "tooLong", params: { maximum: 3 } } });
  });

  it("uses a field's own wording, else the general one, else the English text", () => {
    const issues = settingsIssues({ logRetentionDays: 0 });
    expect(translateFieldIssue(nl, "nl", "logRetentionDays", issues.logRetentionDays, "keep logs at least 1 day")).toBe("bewaar het logboek minstens 1 dag");
    expect(translateFieldIssue(en, "en", "logRetentionDays", issues.logRetentionDays, "x")).toBe("keep logs at least 1 day");
    expect(translateFieldIssue(nl, "nl", "shop.price", { code: "tooLow", params: { minimum: 1234.5 } }, "x")).toBe("moet minstens 1.234,5 zijn");
    expect(translateFieldIssue(nl, "nl", "emailLocale", { code: "choice", params: { values: ["en", "nl"] } }, "x")).toBe("kies een van: en of nl");
    expect(translateFieldIssue(nl, "nl", "x", { code: "unheardOf" }, "the English text")).toBe("the English text");
    expect(translateFieldIssue(nl, "nl", "x", undefined, "the English text")).toBe("the English text");
  });
});

describe("order data errors in the reader's language", () => {
  it("names the order line without a SKU", async () => {
    const order = rawOrder1042();
    (order.products as Record<string, Record<string, unknown>>)["3900120111"]!.product_code = " ";
    const error = await caughtAppError(() => mapShopOrderToSalesOrder(parseOrder(order), { pricesIncludeVat: true, customerNumber: "10001" }));
    expect(translateError(nl, "nl", error)).toBe(
      'Bestelling 1042: regel 2 ("Wool socks grey") heeft geen SKU (productcode) en kan daarom niet aan een artikel in Visma.net worden gekoppeld.',
    );
  });

  it("words an order discount larger than its lines with Dutch amounts", () => {
    const error = new AppError("ORDER_INVALID", "Order 7: the order discount (1234.50) is larger than the order lines (99.00).", {
      params: { variant: "discountTooLarge", orderId: "7", discount: 1234.5, goods: 99 },
    });
    expect(translateError(nl, "nl", error)).toBe("Bestelling 7: de orderkorting (1.234,50) is groter dan de orderregels samen (99,00).");
    expect(translateError(en, "en", error)).toBe("Order 7: the order discount (1,234.50) is larger than the order lines (99.00).");
  });
});
