/**
 * Live preview of the order mapping: maps one real shop order (the one asked for, or the newest in
 * an exported status) with the mapping being edited, so the operator sees the Visma.net sales order
 * — and both totals — before saving. Reads only: the customer is looked up, never created.
 */
import { INTERACTIVE_LIMITS, loadConnectors } from "../connections/load-connectors";
import { db } from "../db";
import { AppError } from "../errors";
import { englishLogText } from "../logs/write-log";
import { settingsFromRow } from "../settings/defaults";
import { branchIdFor, mapShopOrderToSalesOrder } from "../sync/transform";
import type { PreviewOrderInput } from "./preview-order-mapping.schema";
import { previewProblemOf } from "./preview-problem";

/** In the previewed sales order when the order's e-mail matches no Visma.net customer (export would create one). */
export const PREVIEW_NEW_CUSTOMER = "(new customer)";

export async function previewOrderMapping(tenantId: string, { mapping, orderId }: PreviewOrderInput) {
  const settings = settingsFromRow(await db.settings.findUniqueOrThrow({ where: { tenantId } }));
  const { cscart, visma } = await loadConnectors(tenantId, INTERACTIVE_LIMITS);
  const id = orderId ?? (await newestExportedOrderId(cscart, settings.exportStatuses));
  if (!id) throw new AppError("REMOTE_NOT_FOUND", "The shop has no order in an exported status to preview yet.", { params: { variant: "noOrders" } });
  const order = await cscart.getOrder(id);
  const source = {
    orderId: order.order_id,
    status: order.status,
    total: order.total,
    lines: Object.keys(order.products).length,
    shipping: order.shipping.map((method) => `${method.shipping} (${method.shipping_id ?? "?"})`).join(", "),
    payment: order.payment_method?.payment ? `${order.payment_method.payment} (${order.payment_id})` : order.payment_id,
  };
  const customer = order.email.trim() ? await visma.findCustomerByEmail(order.email) : undefined;
  const branchId = branchIdFor({ administration: settings.debtorAdministration });
  try {
    const { command, warnings } = mapShopOrderToSalesOrder(order, {
      pricesIncludeVat: settings.pricesIncludeVat,
      customerNumber: customer?.number ?? PREVIEW_NEW_CUSTOMER,
      ...(branchId ? { branchId } : {}),
      mapping,
    });
    // As the run log stores them: code + params for the reader's language, the English text as fallback.
    const lines = warnings.map((line) => ({ ...line, message: englishLogText(line) }));
    return { order: source, salesOrder: command, warnings: lines, problem: null };
  } catch (error) {
    return { order: source, salesOrder: null, warnings: [], problem: previewProblemOf(error) };
  }
}

async function newestExportedOrderId(cscart: Awaited<ReturnType<typeof loadConnectors>>["cscart"], statuses: string[]): Promise<string | undefined> {
  for await (const page of cscart.listOrderPages({ status: statuses, sortBy: "order_id", sortOrder: "desc", itemsPerPage: 1 })) return page.items[0]?.order_id;
  return undefined;
}
