/**
 * Customer import (Visma.net customers → CS-Cart users of type C), incremental by
 * lastModifiedDateTime. Matched on e-mail (ledger first, then a shop search); unchanged customers
 * are not written again.
 */
import { createHash } from "node:crypto";
import type { VismaCustomer } from "../../integrations/visma/schemas";
import { loadConnectors } from "../../connections/load-connectors";
import { importConcurrency, runIncrementalImport, unlessNotFound } from "../engine/incremental-import";
import type { SyncRunContext } from "../engine/run-context";
import { mapVismaCustomerToShopUser } from "../transform";
import { customerKey, shopIdOrThrow, shopUserIds, type ShopIdResult } from "./shop-id-lookup";

export async function importCustomers(ctx: SyncRunContext): Promise<void> {
  const { cscart, visma } = await loadConnectors(ctx.tenantId, { meter: ctx.meter });
  const shopUsers = shopUserIds(cscart);
  const userIds = new Map<string, ShopIdResult>();

  await runIncrementalImport<VismaCustomer>(ctx, {
    module: "CUSTOMER_IMPORT",
    stream: "CUSTOMER_IMPORT",
    concurrency: importConcurrency(),
    pages: (since) => visma.listCustomerPages({ modifiedSince: since, modifiedCondition: ">=", pageSize: 1000 }),
    fetchOne: (number) => unlessNotFound(visma.getCustomer(number)),
    externalIdOf: (customer) => customer.number,
    preparePage: async (customers, ledger) => {
      const unknown = customers
        .filter((customer) => !ledger.get(customer.number)?.targetId)
        .map((customer) => (customer.mainContact?.email ?? customer.invoiceContact?.email)?.trim())
        .filter((email): email is string => Boolean(email));
      for (const [email, result] of await shopUsers.lookup(unknown)) userIds.set(email.toLowerCase(), result);
    },
    write: async (customer, previous, force) => {
      const user = mapVismaCustomerToShopUser(customer);
      const payloadHash = createHash("sha256").update(JSON.stringify(user.payload)).digest("hex");
      if (!force && previous?.state === "DONE" && previous.targetId && previous.payloadHash === payloadHash) return { outcome: "skipped" };
      const userId = previous?.targetId ?? shopIdOrThrow(userIds.get(user.payload.email.toLowerCase()), customerKey(user.payload.email));
      if (userId) {
        await cscart.updateUser(userId, user.payload);
        return { outcome: "updated", targetId: String(userId), payloadHash };
      }
      const created = await cscart.createUser(user.payload);
      shopUsers.remember(user.payload.email, created.userId);
      return { outcome: "created", targetId: created.userId, payloadHash };
    },
  });
}
