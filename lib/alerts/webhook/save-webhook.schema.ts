/** The alert webhook form: a URL (normalised like every tenant-given URL), or null to switch it off. */
import { z } from "zod";
import { httpUrl } from "../../integrations/url-field";

export const SaveWebhookSchema = z.object({
  url: httpUrl.nullable(),
  /** Issue a new signing secret (the old one stops working at once). */
  rotateSecret: z.boolean().default(false),
});
export type SaveWebhookInput = z.output<typeof SaveWebhookSchema>;
