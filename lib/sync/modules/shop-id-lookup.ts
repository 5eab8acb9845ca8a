/**
 * Finds CS-Cart ids (products by code, customers by e-mail) for records the ledger does not know
 * yet. Few unknown keys: one search each. Many (a first import): one listing of the whole shop,
 * once per run, then no more calls. Either way a record costs at most one lookup call.
 */
import type { CsCartClient } from "../../integrations/cscart/client";
import type { Page } from "../../integrations/paging";

const BULK_THRESHOLD = 25;
const LIST_PAGE_SIZE = 250;

export class ShopIdLookup<Row> {
  private all?: Map<string, string>;

  constructor(
    private readonly source: {
      listAll(): AsyncGenerator<Page<Row>>;
      findOne(key: string): Promise<Row | undefined>;
      keyOf(row: Row): string | undefined;
      idOf(row: Row): string;
    },
    /** How keys compare (e-mail addresses ignore case). */
    private readonly normalize: (key: string) => string = (key) => key,
  ) {}

  async lookup(keys: string[]): Promise<Map<string, string>> {
    const found = new Map<string, string>();
    if (!keys.length) return found;
    if (this.all || keys.length > BULK_THRESHOLD) {
      if (!this.all) {
        this.all = new Map();
        for await (const page of this.source.listAll()) {
          for (const row of page.items) {
            const key = this.source.keyOf(row);
            if (key) this.all.set(this.normalize(key), this.source.idOf(row));
          }
        }
      }
      for (const key of keys) {
        const id = this.all.get(this.normalize(key));
        if (id) found.set(key, id);
      }
      return found;
    }
    for (const key of keys) {
      const row = await this.source.findOne(key);
      if (row) found.set(key, this.source.idOf(row));
    }
    return found;
  }

  /** Remember a record this run created, so a later page finds it. */
  remember(key: string, id: string): void {
    this.all?.set(this.normalize(key), id);
  }
}

export function shopProductIds(cscart: CsCartClient) {
  return new ShopIdLookup({
    listAll: () => cscart.listProductPages({ itemsPerPage: LIST_PAGE_SIZE }),
    findOne: (code) => cscart.findProductByCode(code),
    keyOf: (product) => product.product_code ?? undefined,
    idOf: (product) => String(product.product_id),
  });
}

export function shopUserIds(cscart: CsCartClient) {
  return new ShopIdLookup(
    {
      listAll: () => cscart.listUserPages({ itemsPerPage: LIST_PAGE_SIZE }),
      findOne: (email) => cscart.findUserByEmail(email),
      keyOf: (user) => user.email ?? undefined,
      idOf: (user) => String(user.user_id),
    },
    (email) => email.trim().toLowerCase(),
  );
}
