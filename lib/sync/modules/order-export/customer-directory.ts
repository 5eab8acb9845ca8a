/**
 * Finds the Visma.net customer for a shop order's e-mail without one remote lookup per order.
 *
 * A per-tenant index (hash of the lower-cased e-mail → customer number) is kept in Postgres and
 * brought up to date at the start of each export run with one incremental read of the customers
 * changed since the last refresh (usually a single call). Orders then cost no lookup at all; a
 * missing customer is created with the tenant's debtor defaults and added to the index.
 * Only keyed hashes are stored (HMAC-SHA256 with the tenant's own `customerIndexSalt`), so the
 * index cannot be matched against a list of addresses hashed once for all tenants (docs/privacy.md).
 */
import { createHmac } from "node:crypto";
import type { VismaClient } from "../../../integrations/visma/client";
import type { VismaCustomerCreate } from "../../../integrations/visma/schemas";
import { db } from "../../../db";
import { AppError } from "../../../errors";
import { readCursor, SinceCursorCodec, writeCursor } from "../../engine/cursor";

/** Re-read a little before the last refresh, in case Visma.net's clock and ours disagree. */
const OVERLAP_MS = 10 * 60_000;
const STREAM = "VISMA_CUSTOMER_DIRECTORY";

/** The index key of an e-mail address for one tenant (its salt). */
export function emailHash(salt: string, email: string): string {
  return createHmac("sha256", salt).update(email.trim().toLowerCase()).digest("hex");
}

export class CustomerDirectory {
  private readonly known = new Map<string, string>();
  private readonly creating = new Map<string, Promise<{ customerNumber: string; created: boolean }>>();
  /** Set when a customer POST lost its answer: the customer may exist, so look before creating again. */
  private mustRefreshBeforeCreate = false;
  private salt: string | undefined;
  /** The refresh started with startRefresh: lookups wait for it (and fail with its error). */
  private ready: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly tenantId: string,
    private readonly visma: VismaClient,
  ) {}

  private async hashOf(email: string): Promise<string> {
    this.salt ??= (await db.tenant.findUniqueOrThrow({ where: { id: this.tenantId }, select: { customerIndexSalt: true } })).customerIndexSalt;
    return emailHash(this.salt, email);
  }

  /**
   * Starts the refresh in the background, so the run reads the shop's orders meanwhile: find and
   * resolve wait for it. The caller awaits the result too, so a failed read fails the run.
   */
  startRefresh(): Promise<number> {
    const refreshing = this.refresh();
    this.ready = refreshing;
    refreshing.catch(() => {}); // handled where it is awaited
    return refreshing;
  }

  /** Reads the customers changed since the last refresh into the index. */
  async refresh(): Promise<number> {
    const startedAt = new Date();
    const position = await readCursor(this.tenantId, STREAM, SinceCursorCodec);
    const since = position ? new Date(position.since.getTime() - OVERLAP_MS) : undefined;
    let indexed = 0;
    for await (const page of this.visma.listCustomerPages({ modifiedSince: since })) {
      const entries = page.items
        .map((customer) => ({ email: customer.mainContact?.email?.trim(), number: customer.number }))
        .filter((entry): entry is { email: string; number: string } => Boolean(entry.email && entry.number));
      await this.store(await Promise.all(entries.map(async (entry) => ({ hash: await this.hashOf(entry.email), number: entry.number }))));
      indexed += entries.length;
    }
    await writeCursor(this.tenantId, STREAM, SinceCursorCodec, { since: startedAt });
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

  /** The customer number for an e-mail address, if Visma.net has one (no remote call). */
  async find(email: string): Promise<string | undefined> {
    await this.ready;
    const hash = await this.hashOf(email);
    const cached = this.known.get(hash);
    if (cached) return cached;
    const row = await db.vismaCustomerIndex.findUnique({ where: { tenantId_emailHash: { tenantId: this.tenantId, emailHash: hash } } });
    if (row) this.known.set(hash, row.customerNumber);
    return row?.customerNumber;
  }

  /** The customer number for an e-mail address; the customer is created in Visma.net when there is none. */
  async resolve(email: string, newCustomer: VismaCustomerCreate): Promise<{ customerNumber: string; created: boolean }> {
    const found = await this.find(email);
    if (found) return { customerNumber: found, created: false };
    // Two orders of one new customer in the same run share one creation.
    const hash = await this.hashOf(email);
    let creation = this.creating.get(hash);
    if (!creation) {
      creation = this.create(newCustomer, hash);
      this.creating.set(hash, creation);
      creation.catch(() => this.creating.delete(hash));
    }
    return creation;
  }

  private async create(newCustomer: VismaCustomerCreate, hash: string): Promise<{ customerNumber: string; created: boolean }> {
    if (this.mustRefreshBeforeCreate) {
      this.mustRefreshBeforeCreate = false;
      await this.refresh();
      const found = this.known.get(hash);
      if (found) return { customerNumber: found, created: false };
    }
    try {
      const created = await this.visma.createCustomer(newCustomer);
      await this.store([{ hash, number: created.number }]);
      return { customerNumber: created.number, created: true };
    } catch (error) {
      if (error instanceof AppError && error.details?.outcomeUnknown) this.mustRefreshBeforeCreate = true;
      throw error;
    }
  }
}
