/**
 * Live preview of the customer mapping: maps one real Visma.net customer (the one asked for, or the
 * first) with the mapping being edited and shows the CS-Cart user it would become, or why it would
 * be skipped.
 */
import { INTERACTIVE_LIMITS, loadVismaClient } from "../connections/load-connectors";
import { AppError } from "../errors";
import { mapVismaCustomerToShopUser } from "../sync/transform";
import type { PreviewCustomerInput } from "./preview-customer-mapping.schema";
import { previewProblemOf } from "./preview-problem";

export async function previewCustomerMapping(tenantId: string, { mapping, customerNumber }: PreviewCustomerInput) {
  const visma = await loadVismaClient(tenantId, INTERACTIVE_LIMITS);
  const customer = customerNumber ? await visma.getCustomer(customerNumber) : await firstCustomer(visma);
  if (!customer) throw new AppError("REMOTE_NOT_FOUND", "Visma.net has no customers to preview yet.", { params: { variant: "noCustomers" } });
  const source = {
    number: customer.number,
    name: customer.name ?? null,
    status: customer.status ?? null,
    mainContactEmail: customer.mainContact?.email ?? null,
    invoiceContactEmail: customer.invoiceContact?.email ?? null,
    corporateId: customer.corporateId ?? null,
    mainAddress: [customer.mainAddress?.addressLine1, customer.mainAddress?.postalCode, customer.mainAddress?.city].filter(Boolean).join(", ") || null,
    deliveryAddress:
      [customer.deliveryAddress?.addressLine1, customer.deliveryAddress?.postalCode, customer.deliveryAddress?.city].filter(Boolean).join(", ") || null,
  };
  try {
    const user = mapVismaCustomerToShopUser(customer, mapping);
    // Skipped: the customer has no e-mail and the mapping skips such customers.
    return user.kind === "skip"
      ? { customer: source, user: null, skipped: true, problem: null }
      : { customer: source, user: user.payload, skipped: false, problem: null };
  } catch (error) {
    return { customer: source, user: null, skipped: false, problem: previewProblemOf(error) };
  }
}

async function firstCustomer(visma: Awaited<ReturnType<typeof loadVismaClient>>) {
  for await (const page of visma.listCustomerPages({ pageSize: 1 })) return page.items[0];
  return undefined;
}
