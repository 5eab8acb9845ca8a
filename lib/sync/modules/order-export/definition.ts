/**
 * Order export (CS-Cart → Visma.net): every new shop order in the tenant's statuses becomes exactly
 * one Visma.net sales order. Claim ledger (exactly once, with proof of absence before every post),
 * the shop order cursor of order-cursor.ts, and two steps after the export: ship the sales order in
 * Visma.net (tenants that reduce stock by shipment) and set the shop order's status. The steps are
 * in ./steps.ts.
 */
import { env } from "../../../env";
import { defineSyncModule } from "../../engine/define-sync-module";
import { connectionsReady } from "../../engine/prerequisites";
import { shopOrderCursor, type OrderRef } from "./order-cursor";
import { debtorDefaultsValid, orderExportStartChosen } from "./prerequisites";
import { OrderExportRun, type OrderPlan } from "./steps";

export const orderExport = defineSyncModule({
  id: "ORDER_EXPORT",
  slug: "order-export",
  label: "Order export",
  recordName: "order",
  color: "#1d4ed8",
  queue: "sync-order-export",
  // Off for every new tenant: switched on once its setup holds (prerequisites.ts, switchOnPrerequisites).
  defaultSchedule: { enabled: false, intervalMinutes: 5 },
  cursor: shopOrderCursor(),
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
  ledger: { mode: "claim", recover: (run: OrderExportRun, _orderId, order: OrderRef) => run.recover(order) },
  concurrency: () => env().ORDER_EXPORT_CONCURRENCY,
  steps: {
    open: (ctx, options) => OrderExportRun.open(ctx, options),
    read: (run, cursor) => run.read(cursor),
    readOne: (run, orderId) => run.readOne(orderId),
    externalIdOf: (order) => order.orderId,
    select: (run, order) => run.selects(order),
    map: (run, order) => run.map(order),
    write: (run, plan, order) => run.write(plan, order),
    followUps: [
      {
        id: "ship",
        label: "ship the sales order in Visma.net",
        applies: (run) => run.shipsOnExport(),
        run: (run, order, written) => run.ship(order, written),
      },
      {
        id: "shopStatus",
        label: "set the shop order's status",
        applies: (run) => run.setsShopStatus(),
        run: (run, order) => run.setShopStatus(order),
      },
    ],
    onFailed: (run, orderId, error) => run.notifyFailed(orderId, error),
    changedRemotely: (run, keys, since) => run.changedRemotely(keys, since),
  },
});

export type { OrderPlan };
