/** The e-mail a shop owner gets when an order cannot be sent to Visma.net: which order, why, what to do. */
import type { AppError } from "../errors";
import { sendEmail } from "./send-email";

/** What the shop owner can do about it, in one sentence. */
export function adviceFor(error: AppError): string {
  if (error.kind === "configuration") return `This is a setting or credential problem: fix it in the dashboard, then press "Retry" on the order.`;
  if (error.code === "RETRIES_EXHAUSTED") {
    return `Visma.net or the shop kept failing for this order. Check the connection status in the dashboard, then press "Retry" on the order.`;
  }
  return `Fix the order data (for example, create the missing article in Visma.net), then press "Retry" on the order in the dashboard.`;
}

export async function notifyOrderFailed(input: {
  tenantId: string;
  tenantName: string;
  recipients: string[];
  orderId: string;
  error: AppError;
  dashboardUrl: string;
}): Promise<boolean> {
  // A step after the export failed (details.step): the order is in Visma.net already.
  const salesOrder = input.error.details?.step ? String(input.error.details.targetId ?? "") : undefined;
  const subject = salesOrder !== undefined ? `Order ${input.orderId} is in Visma.net, but a step after the export failed` : `Order ${input.orderId} could not be sent to Visma.net`;
  const body = [
    `Hello,`,
    ``,
    salesOrder !== undefined
      ? `APIcenter sent CS-Cart order #${input.orderId} of ${input.tenantName} to Visma.net (sales order ${salesOrder}), but could not finish what follows the export. "Retry" carries on from there; the order is not sent again.`
      : `APIcenter could not send CS-Cart order #${input.orderId} of ${input.tenantName} to Visma.net.`,
    ``,
    `Reason: ${input.error.message}`,
    ``,
    adviceFor(input.error),
    ``,
    `Dashboard: ${input.dashboardUrl}`,
    ``,
    `You receive one e-mail per order and reason; retries do not send it again.`,
  ].join("\n");
  return sendEmail({
    tenantId: input.tenantId,
    // One e-mail per order and reason: retries with the same reason stay quiet.
    dedupeKey: `order-failed:${input.orderId}:${input.error.code}`,
    recipients: input.recipients,
    subject,
    body,
  });
}
