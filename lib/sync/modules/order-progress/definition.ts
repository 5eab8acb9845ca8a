/**
 * Order progress (Visma.net → CS-Cart), the fifth module: for orders APIcenter exported, a confirmed
 * Visma.net shipment becomes a CS-Cart shipment with carrier and tracking number, and the sales order
 * statuses the tenant mapped (order mapping, "After export") set the shop order's status. Claim
 * ledger: one row per (order, event), so each happens exactly once. The steps are in ./steps.ts.
 */
import { env } from "../../../env";
import { passStartCursor } from "../../engine/cursor";
import { defineSyncModule } from "../../engine/define-sync-module";
import { connectionsReady } from "../../engine/prerequisites";
import { OrderProgressRun, type ProgressEvent } from "./steps";

export const orderProgress = defineSyncModule({
  id: "ORDER_PROGRESS",
  slug: "order-progress",
  label: "Order progress",
  recordName: "order event",
  color: "#7c3aed",
  queue: "sync-order-progress",
  // Off for every new tenant, like every module (switched on from the overview once set up).
  defaultSchedule: { enabled: false, intervalMinutes: 10 },
  // Visma.net's clock and ours differ: read a little before the last pass started.
  cursor: passStartCursor<ProgressEvent>({ overlapMs: 5 * 60_000 }),
  retry: { httpAttempts: 4, perRecordAttempts: 8, jobRetries: 5 },
  prerequisites: [connectionsReady],
  vismaScopes: ["vismanet_erp_service_api:read", "visma.net.erp.salesorder:read"],
  ledger: { mode: "claim", recover: (run: OrderProgressRun, _externalId, event: ProgressEvent) => run.recover(event) },
  concurrency: () => env().ORDER_EXPORT_CONCURRENCY,
  steps: {
    open: (ctx, options) => OrderProgressRun.open(ctx, options),
    read: (run, since) => run.read(since),
    readOne: (run, externalId) => run.readOne(externalId),
    externalIdOf: (event) => event.externalId,
    map: (run, event) => run.map(event),
    write: (run, plan) => run.write(plan),
  },
});
