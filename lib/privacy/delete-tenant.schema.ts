/** "Delete this shop": the owner types the shop's slug to confirm (checked against it in delete-tenant.ts). */
import { z } from "zod";

export const DeleteTenantSchema = z.object({ confirm: z.string().trim().min(1, "type the shop's name (its slug) to confirm") });
export type DeleteTenantInput = z.output<typeof DeleteTenantSchema>;
