import { z } from "zod";
import { CustomerMappingSchema } from "../sync/transform/customer-mapping";

export const PreviewCustomerInputSchema = z.object({
  mapping: CustomerMappingSchema,
  /** A Visma.net customer number; without one, the first customer. */
  customerNumber: z.string().trim().min(1).max(30).optional(),
});
export type PreviewCustomerInput = z.output<typeof PreviewCustomerInputSchema>;
