import { describe, expect, it } from "vitest";
import { z } from "zod";
import { decryptWithKeys } from "../crypto";
import { AppError, toAppError } from "../errors";
import { caughtAppError } from "../http/caught-app-error";
import { OutboundRefusedError } from "../http/outbound";
import { appErrorFromRefusal, appErrorFromResponse, appErrorFromTransportFailure } from "../http/remote-errors";
import { CscartConfigSchema } from "../integrations/cscart/config";
import { VismaCustomerSchema } from "../integrations/visma/schemas";
import { parseResponseJson, type RemoteResponse } from "../http/client";
import { SettingsInputSchema, DEFAULT_SETTINGS } from "../settings/defaults";
import { connectionsReady } from "../sync/engine/prerequisites";
import { productKey, customerKey, shopIdOrThrow } from "../sync/modules/shop-id-lookup";
import { parseCustomerMapping } from "../sync/transform/customer-mapping";
import { mapVismaCustomerToShopUser } from "../sync/transform/customers";
import { DEFAULT_PRODUCT_MAPPING, mapInventoryItemToProduct, parseProductMapping } from "../sync/transform/products";
import { explainOrderError } from "../sync/transform/explain-order-error";
import { inventoryItem, parseOrder, rawOrder1042 } from "../sync/transform/fixtures";
import { mapShopOrderToSalesOrder } from "../sync/transform/shop-order-to-sales-order";
import { fieldIssuesOf } from "../validation";
import { translatorFor } from "./messages";
import { translateError, translateFieldIssue, translateVariant } from "./translate-error";

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
    expect(translateError(nl, "nl", error)).toBe(
      "De CS-Cart-webshop is niet bereikbaar (GET /api/2.0/orders): de hostnaam is niet gevonden (controleer het adres).",
    );
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

  it("words main's newer errors in Dutch, and in English exactly as the code does", () => {
    const refused = Object.assign(new Error("connect ECONNREFUSED 10.0.0.1:443"), { code: "ECONNREFUSED" });
    const unreachable = appErrorFromTransportFailure(cscart, { kind: "network", outcomeUnknown: false, timeoutMs: 10_000, cause: refused });
    const timeout = appErrorFromTransportFailure(cscart, { kind: "timeout", outcomeUnknown: true, timeoutMs: 30_000 });
    const addressRefused = appErrorFromRefusal(cscart, new OutboundRefusedError("127.0.0.1", "loopback"));
    const rejected = (remoteMessage: string) => new AppError("REMOTE_VALIDATION", "rejected", { details: { remoteMessage } });
    const freight = explainOrderError(rejected("1310-FreightCostCanNotBeSetManually: no"), {
      shippingMethods: [{ id: "1", name: "Posten" }],
      shipViaId: "POSTEN",
    });
    const unmapped = explainOrderError(rejected("1310-FreightCostCanNotBeSetManually: no"), { shippingMethods: [] });
    const tooLong = explainOrderError(rejected("0002-InvalidLength: too long (Customer.Name); 0002-InvalidLength: too long (City)"));
    const internal = toAppError(new Error("SELECT failed"));
    const paymentMethod = explainOrderError(rejected("1403-InactivePaymentMethodId: Payment methods set for order is inactive"));
    for (const error of [unreachable, timeout, addressRefused, freight, unmapped, tooLong, internal, paymentMethod]) {
      expect(error.params, error.message).toBeDefined();
      expect(translateError(en, "en", error)).toBe(error.message);
    }
    expect(translateError(nl, "nl", unreachable)).toBe(
      "De CS-Cart-webshop was niet bereikbaar of antwoordde niet binnen 10 seconden (GET /api/2.0/orders). Controleer het adres en de poort, en of de server verbindingen vanaf het internet accepteert.",
    );
    expect(translateError(nl, "nl", timeout)).toContain("Het verzoek is mogelijk wel aangekomen");
    expect(translateError(nl, "nl", addressRefused)).toBe(
      "De CS-Cart-webshop staat op 127.0.0.1, en dat is geen openbaar internetadres. APIcenter maakt alleen verbinding met openbare adressen: controleer het adres bij de instellingen van de verbinding.",
    );
    expect(translateError(nl, "nl", freight)).toContain(
      'Visma.net laat Ship via POSTEN de verzendkosten van de webshop niet overnemen (1310-FreightCostCanNotBeSetManually). Koppel bij Toewijzingen → Bestellingen de verzendmethode van de webshop "Posten" (id 1) aan',
    );
    expect(translateError(nl, "nl", unmapped)).toContain("de standaard-Ship via van de debiteur (de verzendmethode van de webshop is niet gekoppeld)");
    expect(translateError(nl, "nl", tooLong)).toBe(
      "Visma.net weigerde een waarde op deze bestelling omdat die te lang is (Customer.Name, City) (0002-InvalidLength). Maak die korter in de bestelling in CS-Cart en probeer de bestelling daarna opnieuw.",
    );
    expect(translateError(nl, "nl", paymentMethod)).toMatch(/^Visma.net weigerde de betaalmethode .*Visma.net meldde: 1403-InactivePaymentMethodId/);
    expect(translateError(nl, "nl", internal)).toMatch(/^Er ging bij ons iets mis \(referentie [0-9a-f-]{36}\)\./);
  });

  it("words a debtor default's finding and a connection test's success by their variant", () => {
    const finding = { message: 'Account "3000" is an income account; …', params: { variant: "accountNotAsset", value: "3000", type: "Income" } };
    expect(translateVariant(nl, "nl", "debtorCheck", finding)).toBe(
      'Rekening "3000" is een opbrengstenrekening; de debiteurenrekening (accounts receivable) is een activarekening.',
    );
    expect(translateVariant(en, "en", "debtorCheck", finding)).toBe(
      'Account "3000" is an income account; the collection (accounts receivable) account is an asset account.',
    );
    expect(translateVariant(nl, "nl", "debtorCheck", { message: "Stored before params existed." })).toBe("Stored before params existed.");
    expect(translateVariant(nl, "nl", "connectionTest", { message: "x", params: { variant: "vismaConnected", count: 1234 } })).toBe(
      "Verbonden met Visma.net (1.234 debiteuren zichtbaar).",
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
    expect(settingsIssues({ logRetentionDays: null })).toEqual({ logRetentionDays: { code: "number" } });
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

  it("names an amount that is not a number by its line and SKU, or by its kind, in Dutch", async () => {
    const badPrice = rawOrder1042();
    (badPrice.products as Record<string, Record<string, unknown>>)["2887013946"]!.price = "19,90";
    const linePrice = await caughtAppError(() => mapShopOrderToSalesOrder(parseOrder(badPrice), { pricesIncludeVat: true, customerNumber: "10001" }));
    expect(translateError(nl, "nl", linePrice)).toBe('Bestelling 1042: geen getal voor de prijs van regel 1 (TSHIRT-BLK-M): "19,90".');
    expect(translateError(en, "en", linePrice)).toBe(linePrice.message);
    const shipping = await caughtAppError(() =>
      mapShopOrderToSalesOrder(parseOrder({ ...rawOrder1042(), shipping_cost: "n/a" }), { pricesIncludeVat: true, customerNumber: "10001" }),
    );
    expect(translateError(nl, "nl", shipping)).toBe('Bestelling 1042: geen getal voor de verzendkosten: "n/a".');
    expect(translateError(en, "en", shipping)).toBe(shipping.message);
  });

  it("names an amount without a mapped item by its kind and amount, in Dutch", async () => {
    const error = await caughtAppError(() =>
      mapShopOrderToSalesOrder(parseOrder({ ...rawOrder1042(), payment_surcharge: "4.50" }), { pricesIncludeVat: true, customerNumber: "10001" }),
    );
    expect(translateError(nl, "nl", error)).toMatch(
      /^Bestelling 1042 heeft een betaaltoeslag van 4,50, en daar heeft Visma.net geen veld voor\. Geef in de ordertoewijzing een artikel voor de betaaltoeslag/,
    );
    expect(translateError(en, "en", error)).toBe(error.message);
  });
});

describe("sync errors shown on runs and records, in the reader's language", () => {
  const response = (body: string): RemoteResponse => ({
    status: 200,
    headers: new Headers({ "content-type": "text/html" }),
    url: "https://shop.example/api/2.0/orders",
    endpoint: "GET /api/2.0/orders",
    remote: "cscart",
    body: new TextEncoder().encode(body),
    text: () => body,
  });

  it("words an answer in an unexpected shape, naming the remote and the endpoint", async () => {
    const notJson = await caughtAppError(() =>
      parseResponseJson(z.object({ orders: z.array(z.unknown()) }), response("<html>login</html>"), "the CS-Cart shop"),
    );
    expect(translateError(nl, "nl", notJson)).toBe("De CS-Cart-webshop stuurde een antwoord op GET /api/2.0/orders dat geen geldige JSON is.");
    const shape = await caughtAppError(() => parseResponseJson(z.object({ orders: z.array(z.unknown()) }), response("{}"), "the CS-Cart shop"));
    expect(translateError(nl, "nl", shape)).toMatch(/^De CS-Cart-webshop stuurde een antwoord op GET \/api\/2\.0\/orders in een onverwachte vorm: orders/);
    for (const error of [notJson, shape]) expect(translateError(en, "en", error)).toBe(error.message);
  });

  it("words an ambiguous or failed lookup of the shop's records, with the failure it quotes", async () => {
    const ambiguous = await caughtAppError(() => shopIdOrThrow({ kind: "ambiguous", ids: ["12", "31"] }, productKey("TSHIRT-BLK-M")));
    expect(translateError(nl, "nl", ambiguous)).toBe(
      'De webshop heeft 2 producten met code "TSHIRT-BLK-M" (id\'s 12, 31), dus APIcenter kan niet bepalen welke bedoeld is en schrijft er geen. Geef elk product een eigen productcode in CS-Cart (of verwijder het dubbele) en probeer het daarna opnieuw.',
    );
    const cause = appErrorFromTransportFailure(cscart, { kind: "timeout", outcomeUnknown: false, timeoutMs: 30_000 });
    const failed = await caughtAppError(() => shopIdOrThrow({ kind: "failed", error: cause }, customerKey("kari@example.no")));
    expect(failed.code).toBe("REMOTE_TIMEOUT");
    expect(translateError(nl, "nl", failed)).toBe(
      'Kon niet controleren of de webshop al een klant met e-mailadres "kari@example.no" heeft, dus er is niets geschreven: De CS-Cart-webshop was niet bereikbaar of antwoordde niet binnen 30 seconden (GET /api/2.0/orders). Controleer het adres en de poort, en of de server verbindingen vanaf het internet accepteert.',
    );
    for (const error of [ambiguous, failed]) expect(translateError(en, "en", error)).toBe(error.message);
  });

  it("words mapping, inventory item and customer errors of the imports", async () => {
    const mapping = parseProductMapping({ ...DEFAULT_PRODUCT_MAPPING, taxMapping: {}, defaultTaxIds: undefined });
    const unmappedVat = await caughtAppError(() => mapInventoryItemToProduct(inventoryItem(), mapping));
    expect(translateError(nl, "nl", unmappedVat)).toBe(
      'Toewijzing voor artikelen, veld "tax_ids": btw-code "3" heeft geen belasting in CS-Cart in de belastingtoewijzing, en er is geen standaardbelasting ingesteld.',
    );
    const noPrice = await caughtAppError(() => mapInventoryItemToProduct(inventoryItem({ defaultPrice: null }), parseProductMapping(DEFAULT_PRODUCT_MAPPING)));
    expect(translateError(nl, "nl", noPrice)).toBe('Artikel TSHIRT-BLK-M in Visma.net heeft geen prijs voor de webshop (veld "price" van de toewijzing).');
    const noName = await caughtAppError(() => mapInventoryItemToProduct(inventoryItem({ description: " " }), parseProductMapping(DEFAULT_PRODUCT_MAPPING)));
    expect(translateError(nl, "nl", noName)).toBe(
      'Artikel TSHIRT-BLK-M in Visma.net heeft geen waarde voor de productnaam in de webshop (veld "product" van de toewijzing).',
    );
    for (const error of [unmappedVat, noPrice, noName]) expect(translateError(en, "en", error)).toBe(error.message);
    // A customer without an e-mail is skipped by default; a placeholder rule that gives no address fails.
    const customer = VismaCustomerSchema.parse({ number: "100 23", name: "Nordmann AS", mainContact: { email: "" } });
    const placeholder = parseCustomerMapping({ withoutEmail: { mode: "placeholder", template: "{number}@kunder.example.no" } });
    const noEmail = await caughtAppError(() => mapVismaCustomerToShopUser(customer, placeholder));
    expect(translateError(nl, "nl", noEmail)).toBe(
      'Debiteur 100 23 in Visma.net heeft geen e-mailadres, en de regel voor een vervangend adres geeft "100 23@kunder.example.no", en dat is geen e-mailadres.',
    );
  });

  it("words a run's own errors: connections not set up, a worker that stopped, a secret that cannot be read", async () => {
    const reason = (kinds: string[]) => new AppError("CONNECTION_MISSING", "x", { params: connectionsReady.reasonParams!(connectionsReadyReason(kinds)) });
    expect(translateError(nl, "nl", reason(["CSCART", "VISMA"]))).toBe(
      "De verbindingen met CS-Cart en Visma.net zijn nog niet ingesteld: vul ze in bij Verbindingen.",
    );
    expect(translateError(nl, "nl", reason(["VISMA"]))).toBe("De verbinding met Visma.net is nog niet ingesteld: vul die in bij Verbindingen.");
    expect(connectionsReady.reasonParams!("Some other reason.")).toBeUndefined();
    const stopped = { code: "RUN_INTERRUPTED", message: "The worker stopped before this run finished; a later run picked up the work.", params: {} };
    expect(translateError(nl, "nl", stopped)).toBe(
      "De worker is gestopt voordat deze synchronisatie klaar was; een latere synchronisatie heeft het werk overgenomen.",
    );
    expect(translateError(en, "en", stopped)).toBe(stopped.message);
    const key = Buffer.alloc(32, 7);
    const unreadable = await caughtAppError(() => decryptWithKeys("v9:garbage", { tenantId: "t", kind: "VISMA" }, { current: key, previous: [] }));
    expect(translateError(nl, "nl", unreadable)).toBe("Een opgeslagen geheim heeft een onbekende vorm; vul het opnieuw in.");
    expect(translateError(en, "en", unreadable)).toBe(unreadable.message);
  });
});

/** The reason connectionsReady gives when these connections have no credentials (as its query would). */
function connectionsReadyReason(kinds: string[]): string {
  const labels: Record<string, string> = { CSCART: "CS-Cart shop", VISMA: "Visma.net" };
  return `The ${kinds.map((kind) => labels[kind]).join(" and ")} connection${kinds.length > 1 ? "s are" : " is"} not set up yet: fill it in under Connections.`;
}
