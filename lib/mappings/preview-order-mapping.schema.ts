import { z } from "zod";
import { OrderMappingSchema } from "../sync/transform/order-mapping";

export const PreviewOrderInputSchema = z.object({
  mapping: OrderMappingSchema,
  /** A shop order number; without one, the newest order in an exported status. */
  orderId: z
    .string()
    .trim()
    .regex(/^\d{1,10}$/, "a CS-Cart order number, e.g. 1042")
    .optional(),
});
export type PreviewOrderInput = z.output<typeof PreviewOrderInputSchema>;
