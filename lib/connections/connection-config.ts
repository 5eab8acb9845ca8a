/** The secret of a connection (CS-Cart API key, Visma.net client secret), as typed in the form. */
import { z } from "zod";

export const SecretSchema = z.string().trim().min(1, "the secret is required").max(500);
