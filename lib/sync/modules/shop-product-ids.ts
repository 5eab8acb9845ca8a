/**
 * Finds CS-Cart product ids by product code for records the ledger does not know yet. Few unknown
 * codes: one search each. Many (a first import): one listing of the whole shop, once per run.
 */
import type { CsCartClient } from "../../connectors/cscart/client";

const BULK_THRESHOLD = 25;

export class ShopProductIds {
  private all?: Map<string, string>;

  constructor(private readonly cscart: CsCartClient) {}

  async lookup(codes: string[]): Promise<Map<string, string>> {
    const found = new Map<string, string>();
    if (!codes.length) return found;
    if (this.all || codes.length > BULK_THRESHOLD) {
      if (!this.all) {
        this.all = new Map();
        for await (const page of this.cscart.listProductPages({ itemsPerPage: 250 })) {
          for (const product of page.items) if (product.product_code) this.all.set(product.product_code, String(product.product_id));
        }
      }
      for (const code of codes) {
        const id = this.all.get(code);
        if (id) found.set(code, id);
      }
      return found;
    }
    for (const code of codes) {
      const product = await this.cscart.findProductByCode(code);
      if (product) found.set(code, String(product.product_id));
    }
    return found;
  }

  /** Remember a product this run created, so a later page finds it. */
  remember(code: string, id: string): void {
    this.all?.set(code, id);
  }
}
