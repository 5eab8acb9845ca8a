/**
 * Customer import (Visma.net customers → CS-Cart users of type C), incremental by
 * lastModifiedDateTime, mapped with the tenant's customer mapping (fields, addresses, customers
 * without an e-mail). Matched on e-mail (ledger first, then the shop); unchanged customers are not
 * written again. Checkpoint ledger: a create happens only when neither the ledger nor the shop
 * knows the e-mail address.
 */
import { createHash } from "node:crypto";
import type { VismaCustomer } from "../../../integrations/visma/schemas";
import { loadConnectors } from "../../../connections/load-connectors";
import { env } from "../../../env";
import { logLine } from "../../../logs/log-line";
import { passStartCursor } from "../../engine/cursor";
import { defineSyncModule, recordWords, UNCHANGED, type PlannedWrite } from "../../engine/define-sync-module";
import { connectionsReady } from "../../engine/prerequisites";
import { unlessNotFound } from "../../engine/unless-not-found";
import { getActiveMapping } from "../../../mappings/get-active-mapping";
import { mapVismaCustomerToShopUser, type ShopUserFromCustomer } from "../../transform";
import type { CustomerMapping } from "../../transform/customer-mapping";
import { customerKey, shopIdOrThrow, shopUserIds, type ShopIdResult } from "../shop-id-lookup";

export const customerImport = defineSyncModule({
  id: "CUSTOMER_IMPORT",
  slug: "customer-import",
  label: "Customer import",
  recordName: "customer",
  color: "#d97706",
  queue: "sync-customer-import",
  // Off for every new tenant: switched on once its setup holds (prerequisites.ts, switchOnPrerequisites).
  defaultSchedule: { enabled: false, intervalMinutes: 60 },
  cursor: passStartCursor<VismaCustomer>({ overlapMs: 5 * 60_000 }),
  retry: { httpAttempts: 4, perRecordAttempts: 8, jobRetries: 5 },
  prerequisites: [connectionsReady],
  vismaScopes: ["vismanet_erp_service_api:read"],
  ledger: { mode: "checkpoint" },
  concurrency: () => env().IMPORT_CONCURRENCY,
  reimport: true,
  steps: {
    async open(ctx, { httpAttempts }) {
      const { cscart, visma } = await loadConnectors(ctx.tenantId, { meter: ctx.meter, maxAttempts: httpAttempts, module: ctx.module });
      const active = await getActiveMapping(ctx.tenantId, "customer");
      ctx.log.info(
        active.version === null
          ? logLine("defaultMapping", { mapping: "customer" })
          : logLine("mappingVersion", { mapping: "customer", version: active.version }),
      );
      return { cscart, visma, mapping: active.config, shopUsers: shopUserIds(cscart), userIds: new Map<string, ShopIdResult>() };
    },
    read: (run, since) => run.visma.listCustomerPages({ modifiedSince: since, modifiedCondition: ">=", pageSize: 1000 }),
    readOne: (run, number) => unlessNotFound(run.visma.getCustomer(number)),
    externalIdOf: (customer) => customer.number,
    async preparePage(run, customers, ledger) {
      const unknown = customers
        .filter((customer) => !ledger.get(customer.number)?.targetId)
        .map((customer) => emailOf(customer, run.mapping))
        .filter((email): email is string => Boolean(email));
      for (const [email, result] of await run.shopUsers.lookup(unknown)) run.userIds.set(email.toLowerCase(), result);
    },
    async map(run, customer, previous, { force }) {
      const user = mapVismaCustomerToShopUser(customer, run.mapping);
      if (user.kind === "skip")
        return { action: "skip", reason: recordWords("customerWithoutEmail", { customerNumber: user.customerNumber, name: user.name }, user.reason) };
      const payloadHash = createHash("sha256").update(JSON.stringify(user.payload)).digest("hex");
      if (!force && previous?.state === "DONE" && previous.targetId && previous.payloadHash === payloadHash) return { action: "skip", reason: UNCHANGED };
      const userId = previous?.targetId ?? shopIdOrThrow(run.userIds.get(user.payload.email.toLowerCase()), customerKey(user.payload.email));
      const payload: CustomerWrite = { userId, user: user.payload };
      return userId
        ? { action: "update", target: recordWords("shopUser", { userId }, `CS-Cart user ${userId}`), payload, payloadHash }
        : { action: "create", target: recordWords("newShopUser", {}, "a new CS-Cart user"), payload, payloadHash };
    },
    async write(run, { payload }: PlannedWrite<CustomerWrite>) {
      if (payload.userId) {
        await run.cscart.updateUser(payload.userId, payload.user);
        return { targetId: String(payload.userId) };
      }
      const created = await run.cscart.createUser(payload.user);
      run.shopUsers.remember(payload.user.email, created.userId);
      return { targetId: created.userId };
    },
  },
});

type CustomerWrite = { userId: string | undefined; user: ShopUserFromCustomer["payload"] };

/** The e-mail the mapping gives a customer (also a placeholder one), to find its shop user; undefined when it is skipped. */
function emailOf(customer: VismaCustomer, mapping: CustomerMapping): string | undefined {
  try {
    const user = mapVismaCustomerToShopUser(customer, mapping);
    return user.kind === "user" ? user.email : undefined;
  } catch {
    return undefined; // the map step reports it
  }
}
