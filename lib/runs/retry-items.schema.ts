/** "Retry" on a run's records: which failed records to send again. */
import { z } from "zod";

export const RetryItemsInputSchema = z.object({
  itemIds: z.array(z.uuid("not a record id")).min(1, "choose at least one record").max(1000, "retry at most 1000 records at once"),
});
export type RetryItemsInput = z.output<typeof RetryItemsInputSchema>;

export const RunIdSchema = z.uuid("not a run id");
