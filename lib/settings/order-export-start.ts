/**
 * Where order export starts: the tenant's explicit choice, kept as a FILTER that every order must
 * pass, not only as a starting cursor. CS-Cart lists orders by update time, so an old order edited
 * later shows up again; the filter keeps it out for good. Pure (the settings form uses it too).
 *
 * The choices, as the tenant makes them, and what is stored:
 *  - "new orders from now on" (the default offered): pinned when chosen to the shop's newest order
 *    number (later orders have higher numbers), or, when the shop could not be asked, to the time of
 *    the choice. Never re-evaluated later.
 *  - "orders placed from a date": the order's own placing time (CS-Cart `timestamp`) on or after
 *    00:00 UTC of that day.
 *  - "orders after order number N": the orders to leave out at the start are those numbered N and
 *    lower (what an "order offset" used to mean).
 */
import { z } from "zod";

const orderNumber = z
  .number({ error: "give an order number, e.g. 1000" })
  .int("an order number is a whole number")
  .min(0, "an order number cannot be negative");

/** What the tenant chooses (the route's body, the form's check). */
export const OrderExportStartChoiceSchema = z.discriminatedUnion(
  "kind",
  [
    z.object({ kind: z.literal("newOrders") }),
    z.object({
      kind: z.literal("fromDate"),
      date: z.iso
        .date("pick a date (YYYY-MM-DD)")
        .refine((value) => value >= "2000-01-01", { message: "the date must be in the year 2000 or later", params: { issue: "invalid" } }),
    }),
    z.object({ kind: z.literal("afterOrder"), afterOrderId: orderNumber }),
  ],
  { error: "choose where order export starts: newOrders, fromDate or afterOrder" },
);
export type OrderExportStartChoice = z.output<typeof OrderExportStartChoiceSchema>;

/** What is stored on the settings: the choice with its pinned values. */
export const OrderExportStartSchema = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("newOrders"),
    /** The shop's newest order number when chosen; null when the shop could not be asked. */
    afterOrderId: orderNumber.nullable(),
    /** The time of the choice: the filter when the order number is unknown. */
    placedFrom: z.iso.datetime(),
    chosenAt: z.iso.datetime(),
  }),
  z.object({ kind: z.literal("fromDate"), placedFrom: z.iso.datetime(), chosenAt: z.iso.datetime() }),
  z.object({ kind: z.literal("afterOrder"), afterOrderId: orderNumber, chosenAt: z.iso.datetime() }),
]);
export type OrderExportStart = z.output<typeof OrderExportStartSchema>;

/** A stored value, or null when none was chosen (or it cannot be read: then the tenant chooses again). */
export function orderExportStartFrom(stored: unknown): OrderExportStart | null {
  const parsed = OrderExportStartSchema.safeParse(stored);
  return parsed.success ? parsed.data : null;
}

/** The two facts of an order the filter looks at: its number and when it was placed (UNIX seconds, the shop's clock). */
export type PlacedOrder = { orderId: number; placedAt: number };

/** True when the order is one the tenant chose to leave out. */
export function isBeforeOrderExportStart(order: PlacedOrder, start: OrderExportStart): boolean {
  if (start.kind === "afterOrder" || (start.kind === "newOrders" && start.afterOrderId !== null)) return order.orderId <= start.afterOrderId!;
  return order.placedAt * 1000 < Date.parse(start.placedFrom);
}

/** The start point in words, e.g. for the checklist, the skip reason of an order and the CLI. */
export function describeOrderExportStart(start: OrderExportStart | null): string {
  if (!start) return "Not chosen yet: order export does not run until you choose where it starts.";
  if (start.kind === "afterOrder") {
    return start.afterOrderId === 0
      ? "Every order (all order numbers)."
      : `Orders after order number ${start.afterOrderId}: orders ${start.afterOrderId} and lower are left out.`;
  }
  if (start.kind === "fromDate") return `Orders placed from ${start.placedFrom.slice(0, 10)} (00:00 UTC) on.`;
  return start.afterOrderId !== null
    ? `New orders from ${start.chosenAt.slice(0, 16).replace("T", " ")} UTC on: orders after order number ${start.afterOrderId}, the shop's newest order then.`
    : `New orders from ${start.placedFrom.slice(0, 16).replace("T", " ")} UTC on (the shop could not be asked for its newest order number, so the time counts).`;
}

/** Why one order is left out, for the run log and the dry run. */
export function orderBeforeStartReason(order: PlacedOrder, start: OrderExportStart): string {
  return `Order ${order.orderId} is before where order export starts (${describeOrderExportStart(start)}).`;
}
