/**
 * The tenant chooses where order export starts (order-export-start.ts). "New orders from now on"
 * is pinned here, once: to the shop's newest order number, or to this moment when the shop cannot
 * be asked. The order export's cursor is reset, so its next run looks at every order again under
 * the new start point; the ledger still sends no order twice.
 */
import { recordAudit, type AuditActor } from "../audit/record-audit";
import { INTERACTIVE_LIMITS, loadCscartClient } from "../connections/load-connectors";
import { db, type Prisma } from "../db";
import { toAppError } from "../errors";
import { describeOrderExportStart, type OrderExportStart, type OrderExportStartChoice } from "./order-export-start";

const ORDER_EXPORT = "ORDER_EXPORT";

async function pinned(tenantId: string, choice: OrderExportStartChoice, now: Date): Promise<{ start: OrderExportStart; note: string | null }> {
  const chosenAt = now.toISOString();
  if (choice.kind === "afterOrder") return { start: { kind: "afterOrder", afterOrderId: choice.afterOrderId, chosenAt }, note: null };
  if (choice.kind === "fromDate") return { start: { kind: "fromDate", placedFrom: `${choice.date}T00:00:00.000Z`, chosenAt }, note: null };
  try {
    const cscart = await loadCscartClient(tenantId, INTERACTIVE_LIMITS);
    return { start: { kind: "newOrders", afterOrderId: await cscart.newestOrderId(), placedFrom: chosenAt, chosenAt }, note: null };
  } catch (caught) {
    return {
      start: { kind: "newOrders", afterOrderId: null, placedFrom: chosenAt, chosenAt },
      note: `The shop could not be asked for its newest order number (${toAppError(caught).message}), so orders placed from now on (by the shop's clock) count.`,
    };
  }
}

export async function chooseOrderExportStart(actor: AuditActor, choice: OrderExportStartChoice, now = new Date()) {
  const { start, note } = await pinned(actor.tenant.id, choice, now);
  await db.$transaction(async (tx) => {
    const before = await tx.settings.findUniqueOrThrow({ where: { tenantId: actor.tenant.id }, select: { orderExportStart: true } });
    await tx.settings.update({ where: { tenantId: actor.tenant.id }, data: { orderExportStart: start as Prisma.InputJsonValue } });
    await tx.syncCursor.deleteMany({ where: { tenantId: actor.tenant.id, stream: ORDER_EXPORT } });
    await recordAudit(actor, "settings.order-start", "settings:orderExportStart", { from: before.orderExportStart, to: start }, tx);
  });
  return { orderExportStart: start, description: describeOrderExportStart(start), note };
}
