/**
 * Finds CS-Cart ids (products by code, customers by e-mail) for records the ledger does not know
 * yet. Few unknown keys: one search each. Many (a first import): one listing of the whole shop,
 * once per run, then no more calls. Either way a record costs at most one lookup call.
 *
 * CS-Cart has no unique key on product_code (nor on e-mail), so a key can match several shop
 * records: that is "ambiguous", and a lookup that could not be made is "failed". Neither may lead to
 * a create (docs/api-facts.md, "CS-Cart product lookup by code"): shopIdOrThrow refuses them.
 */
import type { CsCartClient } from "../../integrations/cscart/client";
import type { Page } from "../../integrations/paging";
import { AppError, quoteError, toAppError } from "../../errors";

const BULK_THRESHOLD = 25;
const LIST_PAGE_SIZE = 250;
/**
 * Pages of the whole-shop listing requested ahead: a first import into a shop of 10,000 products
 * reads 40 pages, which one after another cost 40 round trips before the first write. The shop's
 * learned concurrency limit still caps what it gets.
 */
const LIST_READ_AHEAD = 4;

export type ShopIdResult = { kind: "found"; id: string } | { kind: "absent" } | { kind: "ambiguous"; ids: string[] } | { kind: "failed"; error: AppError };

function resultOf(ids: readonly string[]): ShopIdResult {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return { kind: "absent" };
  if (unique.length === 1) return { kind: "found", id: unique[0]! };
  return { kind: "ambiguous", ids: unique };
}

export class ShopIdLookup<Row> {
  private all?: Map<string, string[]>;

  constructor(
    private readonly source: {
      listAll(): AsyncGenerator<Page<Row>>;
      /** Every shop record whose key equals `key` (exact matches only). */
      findAll(key: string): Promise<Row[]>;
      keyOf(row: Row): string | undefined;
      idOf(row: Row): string;
    },
    /** How keys compare: as the shop's database does (without case, trailing spaces ignored). */
    private readonly normalize: (key: string) => string = (key) => key.trim().toLowerCase(),
  ) {}

  /** One result per key. */
  async lookup(keys: string[]): Promise<Map<string, ShopIdResult>> {
    const results = new Map<string, ShopIdResult>();
    if (!keys.length) return results;
    if (this.all || keys.length > BULK_THRESHOLD) {
      const all = await this.listAll().catch((caught: unknown) => toAppError(caught));
      for (const key of keys) results.set(key, all instanceof AppError ? { kind: "failed", error: all } : resultOf(all.get(this.normalize(key)) ?? []));
      return results;
    }
    for (const key of keys) {
      try {
        results.set(key, resultOf((await this.source.findAll(key)).map((row) => this.source.idOf(row))));
      } catch (caught) {
        results.set(key, { kind: "failed", error: toAppError(caught) });
      }
    }
    return results;
  }

  /** The whole shop's keys → ids, read once per run; a listing that fails is read again next time. */
  private async listAll(): Promise<Map<string, string[]>> {
    if (this.all) return this.all;
    const all = new Map<string, string[]>();
    for await (const page of this.source.listAll()) {
      for (const row of page.items) {
        const key = this.source.keyOf(row);
        if (!key?.trim()) continue;
        const normalized = this.normalize(key);
        all.set(normalized, [...(all.get(normalized) ?? []), this.source.idOf(row)]);
      }
    }
    this.all = all;
    return all;
  }

  /** Remember a record this run created, so a later page finds it. */
  remember(key: string, id: string): void {
    const normalized = this.normalize(key);
    this.all?.set(normalized, [...(this.all.get(normalized) ?? []), id]);
  }
}

/**
 * The shop id to write to, or undefined when the shop has no such record (then, and only then, may
 * the caller create one). Ambiguous and failed lookups throw, naming the problem.
 */
export function shopIdOrThrow(result: ShopIdResult | undefined, what: ShopKey): string | undefined {
  if (!result || result.kind === "absent") return undefined;
  if (result.kind === "found") return result.id;
  if (result.kind === "ambiguous") {
    throw new AppError(
      "REMOTE_CONFLICT",
      `The shop has ${result.ids.length} ${what.noun}s with ${what.key} (ids ${result.ids.join(", ")}), so APIcenter cannot tell which one is meant and writes none of them. ${what.fix}, then retry.`,
      { params: { variant: "ambiguous", ...what.params, count: result.ids.length, ids: result.ids.join(", ") }, details: { shopIds: result.ids } },
    );
  }
  const cause = result.error;
  throw new AppError(cause.code, `Could not check whether the shop already has ${what.noun} ${what.key}, so nothing was written: ${cause.message}`, {
    // It keeps its cause's code (transient or not), so its text is shared by all codes: errors.anyCode.lookupFailed.
    params: { variant: "lookupFailed", ...what.params, error: quoteError(cause) },
    details: cause.details,
    cause,
  });
}

export function shopProductIds(cscart: CsCartClient) {
  return new ShopIdLookup({
    listAll: () => cscart.listProductPages({ itemsPerPage: LIST_PAGE_SIZE, readAhead: LIST_READ_AHEAD }),
    findAll: (code) => cscart.findProductsByCode(code),
    keyOf: (product) => product.product_code ?? undefined,
    idOf: (product) => String(product.product_id),
  });
}

export function shopUserIds(cscart: CsCartClient) {
  return new ShopIdLookup({
    listAll: () => cscart.listUserPages({ itemsPerPage: LIST_PAGE_SIZE, readAhead: LIST_READ_AHEAD }),
    findAll: (email) => cscart.findUsersByEmail(email),
    keyOf: (user) => user.email ?? undefined,
    idOf: (user) => String(user.user_id),
  });
}

/** What shopIdOrThrow says about a key; `params` word it in the reader's language (errors.REMOTE_CONFLICT.ambiguous). */
type ShopKey = { noun: string; key: string; fix: string; params: { record: "product" | "customer"; key: string } };

/** What shopIdOrThrow says about a product code. */
export function productKey(code: string): ShopKey {
  return {
    noun: "product",
    key: `code "${code}"`,
    fix: "Give each of them its own product code in CS-Cart (or delete the duplicate)",
    params: { record: "product", key: code },
  };
}

/** What shopIdOrThrow says about a customer e-mail. */
export function customerKey(email: string): ShopKey {
  return { noun: "customer", key: `e-mail "${email}"`, fix: "Merge or delete the duplicate customers in CS-Cart", params: { record: "customer", key: email } };
}
