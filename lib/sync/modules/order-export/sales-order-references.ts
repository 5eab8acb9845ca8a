/**
 * Proof of absence before every sales order POST: Visma.net has no idempotency key, so the shop
 * order goes into `customer.order` (CSCART-<id>) and, before posting, APIcenter looks for a sales
 * order that already carries it. Not one lookup per order (V3 cannot filter on customer.order): one
 * listing per run of the sales orders modified since the oldest order about to be posted was created
 * in the shop, minus a margin for clock skew. No sales order for a shop order can be older than the
 * shop order, so the listing proves absence for first attempts too — which matters when a database
 * restored from a backup has forgotten exports that did happen.
 *
 * The listing only ever widens: an order older than what is covered lists again from the older time
 * (a superset), so each order needs at most one extra listing per run.
 */
import type { VismaClient } from "../../../integrations/visma/client";

/** Visma.net's clock and the shop's may differ; a sales order shows as modified after its shop order's time minus this. */
export const LISTING_MARGIN_MS = 15 * 60_000;
/** Pages of the listing requested ahead: every order of the run waits for it. */
const LISTING_READ_AHEAD = 4;

export type SalesOrderKey = { type: string; orderId: string };

export class SalesOrderReferences {
  private coveredSince?: Date;
  private byReference = new Map<string, SalesOrderKey>();
  private listing: Promise<void> = Promise.resolve();

  constructor(private readonly visma: VismaClient) {}

  /** The sales order whose customer.order is `reference`, among those that could belong to a shop order created at `createdAt`. */
  async find(reference: string, createdAt: Date): Promise<SalesOrderKey | undefined> {
    await this.cover(new Date(createdAt.getTime() - LISTING_MARGIN_MS));
    return this.byReference.get(reference);
  }

  /** A sales order this run posted: found again by a later order of the same run without listing. */
  remember(reference: string, key: SalesOrderKey): void {
    this.byReference.set(reference, key);
  }

  private cover(since: Date): Promise<void> {
    // One listing at a time: concurrent orders wait for it rather than list the same window again.
    const next = this.listing.then(async () => {
      if (this.coveredSince && this.coveredSince <= since) return;
      const found = new Map<string, SalesOrderKey>();
      for await (const page of this.visma.listSalesOrderPages({ modifiedSince: since, orderBy: "lastModified asc", readAhead: LISTING_READ_AHEAD })) {
        for (const order of page.items) {
          const reference = order.customerOrder ?? order.customer?.order;
          if (reference && order.orderId) found.set(reference, { type: order.type ?? "SO", orderId: order.orderId });
        }
      }
      for (const [reference, key] of this.byReference) if (!found.has(reference)) found.set(reference, key);
      this.byReference = found;
      this.coveredSince = since;
    });
    // A failed listing fails the orders waiting for it; the next order lists again.
    this.listing = next.catch(() => {});
    return next;
  }
}
