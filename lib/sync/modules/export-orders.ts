/**
 * Order export: each new CS-Cart order in the tenant's statuses becomes exactly one Visma.net
 * sales order (SalesOrder V3), following the protocol in ARCHITECTURE.md:
 *   read orders changed since the cursor (with overlap) → ledger row per order → claim it →
 *   if claimed before, look in Visma.net for customer.order = CSCART-<id> first → resolve the
 *   customer → POST → record DONE. Data errors fail the order (one e-mail, retry button);
 *   transient errors leave it pending for the next run. The cursor never passes an order
 *   without a final outcome.
 */
import pLimit from "p-limit";
import type { CsCartClient } from "../../integrations/cscart/client";
import type { CsCartOrderSummary } from "../../integrations/cscart/schemas";
import type { VismaClient } from "../../integrations/visma/client";
import { loadConnectors } from "../../connections/load-connectors";
import { db, type SyncItem } from "../../db";
import { env } from "../../env";
import { AppError, toAppError } from "../../errors";
import { notifyOrderFailed } from "../../notify/notify-order-failed";
import { claimLedgerRow, ensureLedgerRows, findLedgerRows, markLedgerDone, markLedgerFailed } from "../engine/ledger";
import { readCursor, writeCursor } from "../engine/cursor";
import type { SyncRunContext } from "../engine/run-context";
import { branchIdFor, customerOrderReference, mapShopOrderToSalesOrder } from "../transform";
import { CustomerDirectory } from "./customer-directory";

/** Orders changed this long before the cursor are read again (clock skew, slow commits). */
export const ORDER_CURSOR_OVERLAP_SECONDS = 300;
const ORDER_PAGE_SIZE = 250;
/** Transient failures of one order before it is failed for a person to look at. */
export const MAX_ORDER_ATTEMPTS = 8;
/** After this many transient failures in a row the remote is down: stop and let the job retry later. */
const MAX_CONSECUTIVE_TRANSIENT = 10;
/** A sales order posted by an earlier attempt shows up as modified after this point. */
const LOOKUP_MARGIN_MS = 15 * 60_000;

type Outcome = "exported" | "recovered" | "skipped" | "failed" | "pending";

export async function exportOrders(ctx: SyncRunContext): Promise<void> {
  const { cscart, visma } = await loadConnectors(ctx.tenantId, { meter: ctx.meter });
  const debtorDefaults = {
    paymentTerms: ctx.settings.debtorPaymentTerms,
    collectionAccount: ctx.settings.debtorCollectionAccount,
    administration: ctx.settings.debtorAdministration,
  };
  const directory = new CustomerDirectory(ctx.tenantId, visma, debtorDefaults);
  const indexed = await directory.refresh();
  ctx.log.info(`Customer index refreshed (${indexed} changed customers read).`);
  // Visma.net has no customer field called "administration"; it is the sales order's branch.
  const exporter = new OrderExporter(ctx, cscart, visma, directory, branchIdFor(debtorDefaults));

  if (ctx.itemIds?.length) {
    await exporter.retryLedgerRows(ctx.itemIds);
    return;
  }

  const cursor = Number((await readCursor(ctx.tenantId, "ORDER_EXPORT")) ?? 0);
  const updatedAt = (summary: CsCartOrderSummary) => Number(summary.updated_at ?? summary.timestamp ?? 0);
  let newest = cursor;
  let oldestUnfinished = Number.POSITIVE_INFINITY;
  // Page by page, so memory stays flat however many orders the window holds.
  for await (const page of cscart.listOrderPages({
    status: ctx.settings.exportStatuses,
    updatedFrom: Math.max(0, cursor - ORDER_CURSOR_OVERLAP_SECONDS),
    sortBy: "order_id",
    sortOrder: "asc",
    itemsPerPage: ORDER_PAGE_SIZE,
  })) {
    const candidates = page.items.filter(
      (summary) => Number(summary.order_id) > ctx.settings.orderOffset && ctx.settings.exportStatuses.includes(summary.status),
    );
    const outcomes = await exporter.exportSummaries(candidates);
    for (const summary of page.items) newest = Math.max(newest, updatedAt(summary));
    for (const summary of candidates) {
      if (outcomes.get(String(summary.order_id)) === "pending") oldestUnfinished = Math.min(oldestUnfinished, updatedAt(summary));
    }
    await ctx.flush();
  }

  // Advance to the newest order seen, unless an order is still pending: then stop just before it.
  const next = Number.isFinite(oldestUnfinished) ? oldestUnfinished - 1 : newest;
  if (next > cursor) await writeCursor(ctx.tenantId, "ORDER_EXPORT", String(next));
}

class OrderExporter {
  private consecutiveTransient = 0;
  private readonly concurrency = Number(process.env.ORDER_EXPORT_CONCURRENCY ?? 4);

  constructor(
    private readonly ctx: SyncRunContext,
    private readonly cscart: CsCartClient,
    private readonly visma: VismaClient,
    private readonly directory: CustomerDirectory,
    private readonly branchId: string | undefined,
  ) {}

  async exportSummaries(summaries: CsCartOrderSummary[]): Promise<Map<string, Outcome>> {
    const ids = summaries.map((summary) => String(summary.order_id));
    // One statement creates the ledger rows of every new order on the page, one reads them all.
    await ensureLedgerRows(this.ctx.tenantId, "ORDER_EXPORT", ids, this.ctx.runId);
    const ledger = await findLedgerRows(this.ctx.tenantId, "ORDER_EXPORT", ids);
    const todo = ids.filter((id) => ledger.get(id)?.state !== "DONE" && ledger.get(id)?.state !== "FAILED");
    const outcomes = new Map<string, Outcome>();
    this.ctx.total = (this.ctx.total ?? 0) + todo.length;
    if (todo.length) this.ctx.log.info(`${summaries.length} order(s) on this page, ${todo.length} to export.`);

    const limit = pLimit(this.concurrency);
    await Promise.all(
      todo.map((orderId) =>
        limit(async () => {
          outcomes.set(orderId, await this.exportOne(ledger.get(orderId)!));
          if (this.ctx.counts.processed % 25 === 0) await this.ctx.flush();
        }),
      ),
    );
    // Orders failed earlier keep their outcome for the cursor: they are final until retried.
    for (const id of ids) if (!outcomes.has(id)) outcomes.set(id, "skipped");
    return outcomes;
  }

  /** The dashboard's "retry": the chosen FAILED (or pending) orders, whatever the cursor says. */
  async retryLedgerRows(itemIds: string[]): Promise<void> {
    const rows = await db.syncItem.findMany({ where: { tenantId: this.ctx.tenantId, module: "ORDER_EXPORT", id: { in: itemIds } } });
    this.ctx.total = rows.length;
    const limit = pLimit(this.concurrency);
    await Promise.all(
      rows.map((row) =>
        limit(async () => {
          // A FAILED row becomes claimable again; its attempts count stays, so the Visma.net
          // lookup still happens before any new POST.
          const reopened = row.state === "FAILED" ? await reopen(row) : row;
          await this.exportOne(reopened);
        }),
      ),
    );
  }

  private async exportOne(row: SyncItem): Promise<Outcome> {
    const claim = await claimLedgerRow(row, this.ctx.runId);
    if (!claim) return row.state === "DONE" ? "skipped" : "pending";
    const orderId = row.externalId;
    try {
      if (this.consecutiveTransient >= MAX_CONSECUTIVE_TRANSIENT) {
        throw new AppError("REMOTE_UNAVAILABLE", "Skipped in this run: the remote failed repeatedly; the next run tries again.", { params: { variant: "repeated" } });
      }
      const reference = customerOrderReference(orderId);
      if (claim.claimedBefore) {
        const existing = (await this.salesOrdersPostedEarlier()).get(reference);
        if (existing) {
          await markLedgerDone(claim.row, { targetId: existing.orderId, runId: this.ctx.runId, meta: { type: existing.type, recovered: true } });
          this.ctx.count("created");
          this.ctx.log.info(`Order ${orderId} was already in Visma.net as sales order ${existing.orderId}; recorded it.`);
          this.consecutiveTransient = 0;
          return "recovered";
        }
      }

      const order = await this.cscart.getOrder(orderId);
      if (!this.ctx.settings.exportStatuses.includes(order.status)) {
        // Its status changed since it was listed: not for export now; a later change brings it back.
        await db.syncItem.updateMany({ where: { id: row.id, tenantId: row.tenantId }, data: { state: "SKIPPED", claimedAt: null } });
        this.ctx.count("skipped");
        return "skipped";
      }
      const { customerNumber, created } = await this.directory.resolve(order);
      if (created) this.ctx.log.info(`Created Visma.net customer ${customerNumber} for order ${orderId}.`);
      const command = mapShopOrderToSalesOrder(order, {
        pricesIncludeVat: this.ctx.settings.pricesIncludeVat,
        customerNumber,
        ...(this.branchId ? { branchId: this.branchId } : {}),
      });
      const salesOrder = await this.visma.createSalesOrder(command);
      await markLedgerDone(claim.row, { targetId: salesOrder.orderId, runId: this.ctx.runId, meta: { type: salesOrder.type, customerNumber } });
      this.ctx.count("created");
      this.consecutiveTransient = 0;
      this.ctx.log.info(`Order ${orderId} → Visma.net sales order ${salesOrder.orderId}.`, { customerNumber });
      if (this.ctx.settings.shipOnExport) await this.shipInVisma(orderId, salesOrder);
      return "exported";
    } catch (caught) {
      let error = explainOrderError(toAppError(caught));
      // A record that keeps failing "transiently" (say, a response that never parses) must not hold
      // the cursor forever: after enough attempts it fails for a person to look at.
      if (error.retryable && claim.row.attempts >= MAX_ORDER_ATTEMPTS) {
        error = new AppError("RETRIES_EXHAUSTED", `Tried ${claim.row.attempts} times without success; the last error was: ${error.message}`, {
          details: error.details,
          params: { attempts: claim.row.attempts, lastError: error.message },
          cause: error,
        });
      }
      const state = await markLedgerFailed(claim.row, error, this.ctx.runId);
      if (state === "PENDING") {
        this.consecutiveTransient++;
        this.ctx.log.warn(`Order ${orderId} not sent yet (${error.message}); it is tried again on the next run.`, { code: error.code });
        return "pending";
      }
      this.consecutiveTransient = 0;
      this.ctx.count("failed");
      this.ctx.log.error(`Order ${orderId} could not be sent: ${error.message}`, { code: error.code });
      await notifyOrderFailed({
        tenantId: this.ctx.tenantId,
        tenantName: this.ctx.tenant.name,
        recipients: this.ctx.settings.failureEmailRecipients,
        orderId,
        error,
        dashboardUrl: `${env().PUBLIC_BASE_URL}/${this.ctx.tenant.slug}/runs/${this.ctx.runId}`,
      });
      return "failed";
    }
  }

  private earlierSalesOrders?: Promise<Map<string, { type: string; orderId: string }>>;

  /**
   * Sales orders that earlier attempts may have created, by customer.order: one listing per run
   * (orders modified since the oldest unfinished claim), instead of one listing per order to check.
   * Orders first claimed in this run are never looked up in this run, so the snapshot suffices.
   */
  private salesOrdersPostedEarlier(): Promise<Map<string, { type: string; orderId: string }>> {
    this.earlierSalesOrders ??= (async () => {
      const oldest = await db.syncItem.aggregate({
        where: { tenantId: this.ctx.tenantId, module: "ORDER_EXPORT", attempts: { gt: 0 }, state: { not: "DONE" } },
        _min: { firstClaimedAt: true },
      });
      const since = new Date((oldest._min.firstClaimedAt ?? new Date()).getTime() - LOOKUP_MARGIN_MS);
      const byReference = new Map<string, { type: string; orderId: string }>();
      for await (const page of this.visma.listSalesOrderPages({ modifiedSince: since, orderBy: "lastModified asc" })) {
        for (const order of page.items) {
          const reference = order.customerOrder ?? order.customer?.order;
          if (reference && order.orderId) byReference.set(reference, { type: order.type ?? "SO", orderId: order.orderId });
        }
      }
      return byReference;
    })();
    this.earlierSalesOrders.catch(() => (this.earlierSalesOrders = undefined));
    return this.earlierSalesOrders;
  }

  /** Tenants that reduce stock by shipment: create and confirm the shipment. The order itself is done either way. */
  private async shipInVisma(orderId: string, salesOrder: { type: string; orderId: string }): Promise<void> {
    try {
      const shipment = await this.visma.createShipment(salesOrder.orderId, { orderType: salesOrder.type });
      await this.visma.confirmShipment(shipment.shipmentNumber);
      this.ctx.log.info(`Order ${orderId}: shipment ${shipment.shipmentNumber} confirmed in Visma.net.`);
    } catch (caught) {
      this.ctx.log.warn(`Order ${orderId} was exported, but its shipment failed: ${toAppError(caught).message}`);
    }
  }
}

/** Turns Visma.net's article errors ("1804-InventoryIdNotFound", an inactive item) into what the shop owner must do. */
export function explainOrderError(error: AppError): AppError {
  if (error.code !== "REMOTE_VALIDATION") return error;
  const remoteText = `${String(error.details?.remoteMessage ?? "")} ${error.message}`;
  const skusWhere = (pattern: RegExp) => [...new Set([...remoteText.matchAll(pattern)].map((match) => `"${match[1]}"`))];
  // Translations name the articles (messages: errors.SKU_NOT_FOUND.<variant>).
  const missing = skusWhere(/Inventory item '([^']+)' was not found/g);
  const inactive = skusWhere(/Inventory item '([^']+)' has status (?!Active)\w+/g);
  const problems = [
    ...(missing.length ? [`Article ${missing.join(", ")} does not exist in Visma.net. Create it there (or correct the SKU in CS-Cart)`] : []),
    ...(inactive.length ? [`Article ${inactive.join(", ")} is not active for sale in Visma.net. Activate it there`] : []),
  ];
  if (!problems.length && !/1804|InventoryIdNotFound/i.test(remoteText)) return error;
  const message = problems.length
    ? `${problems.join(". ")}, then retry the order.`
    : "An article on this order does not exist in Visma.net. Create it there (or correct the SKU in CS-Cart), then retry the order.";
  const variant = missing.length && inactive.length ? "both" : missing.length ? "missing" : inactive.length ? "inactive" : "unnamed";
  return new AppError("SKU_NOT_FOUND", message, { details: error.details, params: { variant, missing, inactive }, cause: error });
}

async function reopen(row: SyncItem): Promise<SyncItem> {
  await db.syncItem.updateMany({ where: { id: row.id, tenantId: row.tenantId, state: "FAILED" }, data: { state: "PENDING" } });
  return { ...row, state: "PENDING" };
}
