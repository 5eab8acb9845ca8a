/**
 * The order mapping as its editor holds it (text in every input, rows for every map) and the
 * conversions both ways. The mapping sent is checked with the route's own schema before sending
 * (checkInput), so every message lands beside its field under the schema's path; rows of a map show
 * the errors of their key (e.g. "shipViaByShippingId.1").
 */
import type { OrderMapping, OrderMappingInput, TextSource } from "@/lib/sync/transform/order-mapping";

type TextDraft = { source: TextSource; prefix: string };

export type OrderMappingDraft = {
  orderType: string;
  warehouseId: string;
  newCustomerClassId: string;
  shipVias: { shippingId: string; shipViaId: string }[];
  payments: { paymentId: string; termsId: string; paymentMethodId: string; cashAccountId: string }[];
  texts: { description: TextDraft; refNo: TextDraft; note: TextDraft };
  items: { paymentSurcharge: string; giftCertificate: string; rounding: string };
  taxCategories: { rate: string; category: string }[];
  shopCurrency: string;
  companyBaseCurrency: string;
  currencies: { shopCurrency: string; vismaCurrency: string }[];
  progressStatuses: { vismaStatus: string; shopStatus: string }[];
  createShopShipments: boolean;
  carriers: { shipVia: string; carrier: string }[];
};

const rows = <K extends string, V extends string>(record: Record<string, string>, key: K, value: V) =>
  Object.entries(record).map(([k, v]) => ({ [key]: k, [value]: v }) as Record<K | V, string>);

export function draftFromOrderMapping(mapping: OrderMapping): OrderMappingDraft {
  return {
    orderType: mapping.orderType,
    warehouseId: mapping.warehouseId ?? "",
    newCustomerClassId: mapping.newCustomerClassId ?? "",
    shipVias: rows(mapping.shipViaByShippingId, "shippingId", "shipViaId"),
    payments: Object.entries(mapping.paymentMethods).map(([paymentId, payment]) => ({
      paymentId,
      termsId: payment.termsId ?? "",
      paymentMethodId: payment.paymentMethodId ?? "",
      cashAccountId: payment.cashAccountId ?? "",
    })),
    texts: { description: { ...mapping.texts.description }, refNo: { ...mapping.texts.refNo }, note: { ...mapping.texts.note } },
    items: {
      paymentSurcharge: mapping.items.paymentSurcharge ?? "",
      giftCertificate: mapping.items.giftCertificate ?? "",
      rounding: mapping.items.rounding ?? "",
    },
    taxCategories: rows(mapping.taxCategoryByRate, "rate", "category"),
    shopCurrency: mapping.currency.shopCurrency ?? "",
    companyBaseCurrency: mapping.currency.companyBaseCurrency ?? "",
    currencies: rows(mapping.currency.vismaCurrencyByShopCurrency, "shopCurrency", "vismaCurrency"),
    progressStatuses: rows(mapping.progress.shopStatusByVismaStatus, "vismaStatus", "shopStatus"),
    createShopShipments: mapping.progress.createShopShipments,
    carriers: rows(mapping.progress.carrierByShipVia, "shipVia", "carrier"),
  };
}

/** Blank inputs are "not set" (null), not an empty value the schema would refuse. */
const orNull = (text: string) => (text.trim() === "" ? null : text.trim());
const toRecord = <R, V>(list: R[], key: (row: R) => string, value: (row: R) => V): Record<string, V> =>
  Object.fromEntries(list.map((row) => [key(row).trim(), value(row)]));

export function orderMappingFromDraft(draft: OrderMappingDraft): OrderMappingInput {
  return {
    orderType: draft.orderType.trim(),
    warehouseId: orNull(draft.warehouseId),
    newCustomerClassId: orNull(draft.newCustomerClassId),
    shipViaByShippingId: toRecord(
      draft.shipVias,
      (row) => row.shippingId,
      (row) => row.shipViaId,
    ),
    paymentMethods: toRecord(
      draft.payments,
      (row) => row.paymentId,
      (row) => ({
        ...(row.termsId.trim() ? { termsId: row.termsId.trim() } : {}),
        ...(row.paymentMethodId.trim() ? { paymentMethodId: row.paymentMethodId.trim() } : {}),
        ...(row.cashAccountId.trim() ? { cashAccountId: row.cashAccountId.trim() } : {}),
      }),
    ),
    texts: draft.texts,
    items: {
      paymentSurcharge: orNull(draft.items.paymentSurcharge),
      giftCertificate: orNull(draft.items.giftCertificate),
      rounding: orNull(draft.items.rounding),
    },
    taxCategoryByRate: toRecord(
      draft.taxCategories,
      (row) => row.rate,
      (row) => row.category,
    ),
    currency: {
      shopCurrency: orNull(draft.shopCurrency),
      companyBaseCurrency: orNull(draft.companyBaseCurrency),
      vismaCurrencyByShopCurrency: toRecord(
        draft.currencies,
        (row) => row.shopCurrency.toUpperCase(),
        (row) => row.vismaCurrency,
      ),
    },
    progress: {
      shopStatusByVismaStatus: toRecord(
        draft.progressStatuses,
        (row) => row.vismaStatus,
        (row) => row.shopStatus.trim().toUpperCase(),
      ),
      createShopShipments: draft.createShopShipments,
      carrierByShipVia: toRecord(
        draft.carriers,
        (row) => row.shipVia,
        (row) => row.carrier,
      ),
    },
  };
}
