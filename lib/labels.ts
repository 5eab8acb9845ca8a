/**
 * Module slugs (URLs, message keys). The words shown for modules and connections are in the
 * message files: modules.<slug>.label and connectionKinds.<kind> (docs/i18n.md).
 */
import type { SyncModuleName } from "./settings/defaults";

export const MODULE_SLUGS: Record<SyncModuleName, string> = {
  ORDER_EXPORT: "order-export",
  PRODUCT_IMPORT: "product-import",
  CUSTOMER_IMPORT: "customer-import",
  STOCK_SYNC: "stock-sync",
};

export function moduleFromSlug(slug: string): SyncModuleName | undefined {
  return (Object.keys(MODULE_SLUGS) as SyncModuleName[]).find((module) => MODULE_SLUGS[module] === slug);
}
