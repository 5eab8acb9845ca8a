/**
 * Integration-test harness for the sync engine: both simulators on free ports, a tenant whose
 * connections point at them, and a way to run a module with the real engine code.
 *
 * The tenant is set up as the demo is, saying so explicitly (a new tenant has every module off and
 * no start point): order export from the first order, every module on, the demo mapping. Pass
 * `setUp: false` for a tenant as a new customer has it, with only its connections.
 */
import { startCscartSimulator, type CscartSimOptions, type CscartSimulator } from "../simulators/cscart/server";
import { startVismaSimulator, type VismaSimOptions, type VismaSimulator } from "../simulators/visma/server";
import { createDemoMappings, DEMO_SETUP_SETTINGS } from "../prisma/seed";
import { encryptSecret } from "../lib/crypto";
import { db } from "../lib/db";
import type { RunTrigger } from "../lib/db";
import { runSyncModule } from "../lib/sync/engine/run-sync-module";
import { MAPPING_KINDS, type MappingKind } from "../lib/mappings/mapping-kinds";
import { insertNextVersion } from "../lib/mappings/save-mapping-version";
import { allowLocalServers } from "./allow-local-servers";
import type { ModuleId } from "../lib/sync/modules";
import { createTestTenant } from "./fixtures";
import { startTestBoss } from "./test-boss";
import type PgBoss from "pg-boss";

export type SyncHarness = Awaited<ReturnType<typeof startSyncHarness>>;

export async function startSyncHarness(
  options: {
    seed?: number;
    cscart?: Partial<CscartSimOptions>;
    visma?: Partial<VismaSimOptions>;
    settings?: Parameters<typeof db.settings.update>[0]["data"];
    /** Also a started pg-boss with every queue, for tests that send and take jobs as the workers do. */
    boss?: boolean;
    setUp?: boolean;
  } = {},
) {
  const seed = options.seed ?? 7;
  const [cscart, visma] = await Promise.all([
    startCscartSimulator({ port: 0, seed, products: 40, customers: 20, orders: 30, ...options.cscart }),
    startVismaSimulator({ port: 0, seed, products: 40, customers: 20, orders: 30, ...options.visma }),
  ]);
  const { tenant, users } = await createTestTenant("sync");
  await connectTenantToSimulators(tenant.id, cscart, visma);
  if (options.setUp !== false) {
    // As the demo: its product and order mappings (the shop's shipping methods go to Ship vias that take, or need no, freight cost).
    await createDemoMappings(tenant.id, "test");
    await db.settings.update({ where: { tenantId: tenant.id }, data: { ...DEMO_SETUP_SETTINGS, ...options.settings } });
  } else if (options.settings) {
    await db.settings.update({ where: { tenantId: tenant.id }, data: options.settings });
  }

  const boss = options.boss ? await startTestBoss() : undefined;

  return {
    tenant,
    users,
    cscart,
    visma,
    run: (module: ModuleId, trigger: RunTrigger = "MANUAL", itemIds?: string[], options: { dryRun?: boolean; reimportFrom?: Date } = {}) =>
      runSyncModule({
        tenantId: tenant.id,
        module,
        trigger,
        itemIds,
        ...(options.dryRun ? { dryRun: true } : {}),
        ...(options.reimportFrom ? { reimportFrom: options.reimportFrom.toISOString() } : {}),
      }),
    ledger: (module: ModuleId) => db.syncItem.findMany({ where: { tenantId: tenant.id, module }, orderBy: { externalId: "asc" } }),
    /** Only with `boss: true`. */
    get boss(): PgBoss {
      if (!boss) throw new Error("startSyncHarness({ boss: true }) starts pg-boss");
      return boss;
    },
    /** Saves a new version of one of the tenant's mappings (parsed with the kind's defaults, as the editor's route does). */
    saveMapping: (kind: MappingKind, config: unknown) =>
      db.$transaction((tx) => insertNextVersion(tenant.id, kind, MAPPING_KINDS[kind].parse(config), "test", tx)),
    close: async () => {
      await boss?.stop({ graceful: false });
      await Promise.all([cscart.close(), visma.close()]);
    },
  };
}

/** Where order export starts, stored as "orders after order number N" (0: every order). */
export function startAfterOrder(afterOrderId: number) {
  return { kind: "afterOrder", afterOrderId, chosenAt: new Date().toISOString() };
}

/** Points the tenant's connections at the simulators, and lets this process (and its workers) reach them. */
export async function connectTenantToSimulators(tenantId: string, cscart: CscartSimulator, visma: VismaSimulator): Promise<void> {
  allowLocalServers(cscart.url, visma.url);
  await db.connection.createMany({
    data: [
      {
        tenantId,
        kind: "CSCART",
        config: { shopUrl: cscart.url, adminEmail: cscart.options.adminEmail },
        encryptedSecret: encryptSecret(cscart.options.apiKey, { tenantId, kind: "CSCART" }),
      },
      {
        tenantId,
        kind: "VISMA",
        config: {
          clientId: visma.options.clientId,
          tenantId: visma.options.tenantId,
          tokenUrl: `${visma.url}/connect/token`,
          erpBaseUrl: visma.url,
          salesOrderBaseUrl: visma.url,
        },
        encryptedSecret: encryptSecret(visma.options.clientSecret, { tenantId, kind: "VISMA" }),
      },
    ],
  });
}
