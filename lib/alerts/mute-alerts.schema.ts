import { z } from "zod";

export const MuteAlertsSchema = z.object({ muted: z.boolean("say muted: true or false") });
export type MuteAlertsInput = z.output<typeof MuteAlertsSchema>;
