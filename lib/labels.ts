/** Words shown to shop owners for internal names. */
import type { SyncModuleName } from "./settings/defaults";

export const MODULE_LABELS: Record<SyncModuleName, string> = {
  ORDER_EXPORT: "Order export",
  PRODUCT_IMPORT: "Product import",
  CUSTOMER_IMPORT: "Customer import",
  STOCK_SYNC: "Stock sync",
};

export const MODULE_SLUGS: Record<SyncModuleName, string> = {
  ORDER_EXPORT: "order-export",
  PRODUCT_IMPORT: "product-import",
  CUSTOMER_IMPORT: "customer-import",
  STOCK_SYNC: "stock-sync",
};

export function moduleFromSlug(slug: string): SyncModuleName | undefined {
  return (Object.keys(MODULE_SLUGS) as SyncModuleName[]).find((module) => MODULE_SLUGS[module] === slug);
}

export const CONNECTION_LABELS = { CSCART: "CS-Cart shop", VISMA: "Visma.net" } as const;
