import { guardRoute, readJsonBody } from "@/lib/auth/guard";
import { chooseOrderExportStart } from "@/lib/settings/choose-order-export-start";
import { OrderExportStartChoiceSchema } from "@/lib/settings/order-export-start";

/** PUT: choose where order export starts (pinned now: see lib/settings/choose-order-export-start.ts). */
export const PUT = guardRoute({ role: "ADMIN" }, async (ctx, request) =>
  chooseOrderExportStart(ctx, await readJsonBody(request, OrderExportStartChoiceSchema, "order export start")),
);
