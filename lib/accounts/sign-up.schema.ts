/** What the sign-up route accepts and the form checks before sending. */
import { z } from "zod";
import { TenantNameSchema } from "../tenants/create-tenant.schema";
import { EmailSchema } from "./account-fields";

export const SignUpInputSchema = z.object({ email: EmailSchema, companyName: TenantNameSchema });
export type SignUpInput = z.output<typeof SignUpInputSchema>;
