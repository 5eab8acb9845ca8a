/** The module implementations, by module name. Each runs one pass for one tenant. */
import type { SyncModuleName } from "../../settings/defaults";
import { exportOrders } from "../modules/export-orders";
import { importCustomers } from "../modules/import-customers";
import { importProducts } from "../modules/import-products";
import { syncStock } from "../modules/sync-stock";
import type { SyncRunContext } from "./run-context";

export type ModuleRunner = (ctx: SyncRunContext) => Promise<void>;

export const MODULE_RUNNERS: Record<SyncModuleName, ModuleRunner> = {
  ORDER_EXPORT: exportOrders,
  PRODUCT_IMPORT: importProducts,
  CUSTOMER_IMPORT: importCustomers,
  STOCK_SYNC: syncStock,
};
