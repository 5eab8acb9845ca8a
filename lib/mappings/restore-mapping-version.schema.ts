import { z } from "zod";

export const RestoreMappingInputSchema = z.object({ version: z.number().int().min(1, "versions start at 1") });
export type RestoreMappingInput = z.output<typeof RestoreMappingInputSchema>;
