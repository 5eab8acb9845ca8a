export {
  mapShopOrderToSalesOrder,
  customerOrderReference,
  shippingMethodIdsOf,
  SalesOrderMappingContextSchema,
  type SalesOrderMappingContext,
  type MappedSalesOrder,
} from "./shop-order-to-sales-order";
export { VISMA_LIMITS, FieldWarnings, fitAddressLines, wrapText } from "./visma-limits";
export {
  mapShopOrderToNewCustomer,
  mapVismaCustomerToShopUser,
  branchIdFor,
  splitCustomerName,
  parseVismaDate,
  DebtorDefaultsSchema,
  DEFAULT_DEBTOR_DEFAULTS,
  type DebtorDefaults,
  type MappedNewCustomer,
  type ShopUserFromCustomer,
} from "./customers";
export {
  mapInventoryItemToProduct,
  parseProductMapping,
  stockAmountFor,
  mainImageOf,
  ProductMappingSchema,
  DEFAULT_PRODUCT_MAPPING,
  VISMA_SOURCE_FIELDS,
  type ProductMapping,
  type ProductMappingInput,
  type ProductMappingContext,
  type MappedProduct,
  type ItemImage,
} from "./products";
export { priceLine, netOfGross, netForGross, vatOn, vatRateForLine, vatRateForShipping, vatRateForSurcharge, amountsIncludeVat } from "./vat";
export { priceOrder, vismaOrderTotal } from "./order-totals";
export { Money, parseAmount, roundCents, spreadProportionally } from "./money";
