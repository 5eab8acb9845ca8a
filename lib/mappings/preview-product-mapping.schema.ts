import { z } from "zod";
import { ProductMappingSchema } from "../sync/transform";

export const PreviewInputSchema = z.object({
  mapping: ProductMappingSchema,
  inventoryNumber: z.string().trim().max(100, "at most 100 characters").optional(),
});
export type PreviewInput = z.output<typeof PreviewInputSchema>;
