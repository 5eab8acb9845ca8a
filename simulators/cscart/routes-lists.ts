/**
 * The shop's own lists, read for APIcenter's pick-lists: taxes, order statuses and shipping
 * methods (docs/api-facts.md, "CS-Cart lists for the pick-lists"). Each answers in the form the
 * real entity's code gives it: fn_get_taxes and fn_get_shippings key their rows by id, which PHP
 * encodes as a JSON object; statuses come as a plain list, as the documentation shows. All page
 * with `page`/`items_per_page` (default 10) and carry no total.
 */
import { json, type Handler } from "../shared/http";
import type { Router } from "../shared/router";
import { pageOf, readPaging } from "./api";
import type { CscartState } from "./state";

/** A PHP array keyed by id: a JSON object in id order. */
function keyedById<T>(rows: T[], idOf: (row: T) => number, render: (row: T) => Record<string, unknown>): Record<string, Record<string, unknown>> {
  return Object.fromEntries(rows.map((row) => [String(idOf(row)), render(row)]));
}

export function registerListRoutes(router: Router<Handler>, state: () => CscartState): void {
  router
    .get("/api/taxes", (request) => {
      const { taxes, pricesIncludeTax } = state().settings;
      const page = pageOf(taxes, readPaging(request.query));
      return json(
        200,
        keyedById(
          page,
          (tax) => tax.taxId,
          (tax) => ({
            tax_id: String(tax.taxId),
            tax: tax.description,
            status: "A",
            price_includes_tax: pricesIncludeTax ? "Y" : "N",
            display_including_tax: "N",
            address_type: "S",
            priority: "0",
            regnumber: "",
          }),
        ),
      );
    })
    .get("/api/statuses", (request) => {
      const page = pageOf(state().settings.orderStatuses, readPaging(request.query));
      return json(
        200,
        page.map((status, index) => ({
          status_id: String(index + 1),
          status: status.code,
          type: "O",
          is_default: "Y",
          description: status.description,
          lang_code: "en",
          params: { inventory: status.inventory, notify: "Y" },
        })),
      );
    })
    .get("/api/shippings", (request) => {
      const page = pageOf(state().settings.shippings, readPaging(request.query));
      return json(
        200,
        keyedById(
          page,
          (shipping) => shipping.shippingId,
          (shipping) => ({
            shipping_id: String(shipping.shippingId),
            shipping: shipping.name,
            status: shipping.status,
            position: "0",
            min_weight: "0.00",
            max_weight: "0.00",
            delivery_time: "",
            usergroup_ids: "0",
          }),
        ),
      );
    });
}
