/**
 * Order export (CS-Cart → Visma.net): every new shop order in the tenant's statuses becomes exactly
 * one Visma.net sales order. Claim ledger (exactly once), watermark cursor on the orders' update
 * time. The steps are in ./steps.ts.
 */
import { env } from "../../../env";
import { watermarkCursor } from "../../engine/cursor";
import { defineSyncModule } from "../../engine/define-sync-module";
import { connectionsReady } from "../../engine/prerequisites";
import { debtorDefaultsValid, orderExportStartChosen } from "./prerequisites";
import { OrderExportRun, type OrderPlan, type OrderRef } from "./steps";

export const orderExport = defineSyncModule({
  id: "ORDER_EXPORT",
  slug: "order-export",
  label: "Order export",
  recordName: "order",
  color: "#1d4ed8",
  queue: "sync-order-export",
  // Off for every new tenant: switched on once its setup holds (prerequisites.ts, switchOnPrerequisites).
  defaultSchedule: { enabled: false, intervalMinutes: 5 },
  // Orders changed this long before the cursor are read again (clock skew, slow commits).
  cursor: watermarkCursor<OrderRef>({ of: (order) => order.updatedAt, overlapSeconds: 300 }),
  retry: { httpAttempts: 4, perRecordAttempts: 8, jobRetries: 5 },
  prerequisites: [connectionsReady, orderExportStartChosen],
  switchOn: [debtorDefaultsValid],
  vismaScopes: [
    "vismanet_erp_service_api:read",
    // New customers and shipments are v1 POSTs; sales orders are the V3 service's own.
    "vismanet_erp_service_api:create",
    "visma.net.erp.salesorder:read",
    "visma.net.erp.salesorder:write",
  ],
  ledger: { mode: "claim", recover: (run: OrderExportRun, orderId) => run.recover(orderId) },
  concurrency: () => env().ORDER_EXPORT_CONCURRENCY,
  steps: {
    open: (ctx, options) => OrderExportRun.open(ctx, options),
    read: (run, updatedFrom) => run.read(updatedFrom),
    // A retried order is read in full by the map step; the ledger row's id is all it needs.
    readOne: async (_run, orderId) => ({ orderId, updatedAt: 0 }),
    externalIdOf: (order) => order.orderId,
    select: (run, order) => run.selects(order),
    map: (run, order) => run.map(order),
    write: (run, plan, order) => run.write(plan, order),
    onFailed: (run, orderId, error) => run.notifyFailed(orderId, error),
    changedRemotely: (run, keys, since) => run.changedRemotely(keys, since),
  },
});

export type { OrderPlan };
