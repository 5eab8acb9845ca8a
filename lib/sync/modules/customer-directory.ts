/**
 * Finds the Visma.net customer for a shop order's e-mail without one remote lookup per order.
 *
 * A per-tenant index (hash of the lower-cased e-mail → customer number) is kept in Postgres and
 * brought up to date at the start of each export run with one incremental read of the customers
 * changed since the last refresh (usually a single call). Orders then cost no lookup at all; a
 * missing customer is created with the tenant's debtor defaults and added to the index.
 * Only hashes are stored: the index holds no personal data.
 */
import { createHash } from "node:crypto";
import type { CsCartOrder } from "../../integrations/cscart/schemas";
import type { VismaClient } from "../../integrations/visma/client";
import { db } from "../../db";
import { AppError } from "../../errors";
import { mapShopOrderToNewCustomer, type DebtorDefaults } from "../transform";
import { readCursor, writeCursor } from "../engine/cursor";

/** Re-read a little before the last refresh, in case Visma.net's clock and ours disagree. */
const OVERLAP_MS = 10 * 60_000;

export function emailHash(email: string): string {
  return createHash("sha256").update(email.trim().toLowerCase()).digest("hex");
}

export class CustomerDirectory {
  private readonly known = new Map<string, string>();
  private readonly creating = new Map<string, Promise<{ customerNumber: string; created: boolean }>>();
  /** Set when a customer POST lost its answer: the customer may exist, so look before creating again. */
  private mustRefreshBeforeCreate = false;

  constructor(
    private readonly tenantId: string,
    private readonly visma: VismaClient,
    private readonly debtorDefaults: DebtorDefaults,
  ) {}

  /** Reads the customers changed since the last refresh into the index. */
  async refresh(): Promise<number> {
    const startedAt = new Date();
    const position = await readCursor(this.tenantId, "VISMA_CUSTOMER_DIRECTORY");
    const since = position ? new Date(new Date(position).getTime() - OVERLAP_MS) : undefined;
    let indexed = 0;
    for await (const page of this.visma.listCustomerPages({ modifiedSince: since })) {
      const entries = page.items
        .map((customer) => ({ email: customer.mainContact?.email?.trim(), number: customer.number }))
        .filter((entry): entry is { email: string; number: string } => Boolean(entry.email && entry.number));
      await this.store(entries.map((entry) => ({ hash: emailHash(entry.email), number: entry.number })));
      indexed += entries.length;
    }
    await writeCursor(this.tenantId, "VISMA_CUSTOMER_DIRECTORY", startedAt.toISOString());
    // Then the whole index into memory: one query here instead of one per order (a hash and a
    // number per customer; 100,000 customers are about 15 MB).
    const rows = await db.vismaCustomerIndex.findMany({ where: { tenantId: this.tenantId }, select: { emailHash: true, customerNumber: true } });
    for (const row of rows) this.known.set(row.emailHash, row.customerNumber);
    return indexed;
  }

  private async store(entries: { hash: string; number: string }[]): Promise<void> {
    if (!entries.length) return;
    await db.$executeRaw`
      insert into "VismaCustomerIndex" ("tenantId", "emailHash", "customerNumber", "updatedAt")
      select ${this.tenantId}::uuid, e.hash, e.number, now()
      from unnest(${entries.map((e) => e.hash)}::text[], ${entries.map((e) => e.number)}::text[]) as e(hash, number)
      on conflict ("tenantId", "emailHash") do update set "customerNumber" = excluded."customerNumber", "updatedAt" = now()`;
    for (const entry of entries) this.known.set(entry.hash, entry.number);
  }

  /** The customer number for the order's e-mail; created in Visma.net when there is none. */
  async resolve(order: CsCartOrder): Promise<{ customerNumber: string; created: boolean }> {
    const email = order.email?.trim();
    if (!email) {
      throw new AppError("ORDER_INVALID", `Order ${order.order_id} has no e-mail address, so no Visma.net customer can be matched or created.`, {
        params: { variant: "noEmail", orderId: order.order_id },
      });
    }
    const hash = emailHash(email);
    const cached = this.known.get(hash);
    if (cached) return { customerNumber: cached, created: false };
    const row = await db.vismaCustomerIndex.findUnique({ where: { tenantId_emailHash: { tenantId: this.tenantId, emailHash: hash } } });
    if (row) {
      this.known.set(hash, row.customerNumber);
      return { customerNumber: row.customerNumber, created: false };
    }
    // Two orders of one new customer in the same run share one creation.
    let creation = this.creating.get(hash);
    if (!creation) {
      creation = this.create(order, hash);
      this.creating.set(hash, creation);
      creation.catch(() => this.creating.delete(hash));
    }
    return creation;
  }

  private async create(order: CsCartOrder, hash: string): Promise<{ customerNumber: string; created: boolean }> {
    if (this.mustRefreshBeforeCreate) {
      this.mustRefreshBeforeCreate = false;
      await this.refresh();
      const found = this.known.get(hash);
      if (found) return { customerNumber: found, created: false };
    }
    try {
      const created = await this.visma.createCustomer(mapShopOrderToNewCustomer(order, this.debtorDefaults));
      await this.store([{ hash, number: created.number }]);
      return { customerNumber: created.number, created: true };
    } catch (error) {
      if (error instanceof AppError && error.details?.outcomeUnknown) this.mustRefreshBeforeCreate = true;
      throw error;
    }
  }
}
