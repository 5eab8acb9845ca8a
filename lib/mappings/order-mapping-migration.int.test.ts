/**
 * Migration 20261201130000_order_lifecycle moves each tenant's shipping method → Ship via map out of
 * Settings into version 1 of its order mapping, which reads back through the order mapping's schema;
 * tenants that mapped nothing keep the defaults (no row).
 */
import { afterAll, describe, expect, it } from "vitest";
import { migrationTestDatabase } from "../devstack/test-database";
import { parseOrderMapping } from "../sync/transform/order-mapping";

const MIGRATION = "20261201130000_order_lifecycle";
const database = migrationTestDatabase(MIGRATION, "order_lifecycle");

afterAll(() => database.drop());

describe(`migration ${MIGRATION}`, () => {
  it("moves a mapped shipping map into the order mapping, and adds the status settings off", async () => {
    const client = await database.upTo();
    try {
      const mapped = "22222222-2222-4222-8222-222222222222";
      const unmapped = "33333333-3333-4333-8333-333333333333";
      for (const [id, slug] of [
        [mapped, "mapped"],
        [unmapped, "unmapped"],
      ]) {
        await client.query(`insert into "Tenant" (id, slug, name, "updatedAt") values ($1, $2, $2, now())`, [id, slug]);
      }
      await client.query(
        `insert into "Settings" ("tenantId", schedules, "stockWarehouses", "shippingMethodMap", "updatedAt") values ($1, '{}', '{"mode":"sum"}', $2, now()), ($3, '{}', '{"mode":"sum"}', '{}', now())`,
        [mapped, JSON.stringify({ "1": "POSTEN", "3": "PICKUP" }), unmapped],
      );

      await database.apply(client);

      const mappings = await client.query<{ tenantId: string; module: string; version: number; config: unknown }>(
        `select "tenantId", module, version, config from "Mapping"`,
      );
      expect(mappings.rows).toHaveLength(1);
      expect(mappings.rows[0]).toMatchObject({ tenantId: mapped, module: "ORDER_EXPORT", version: 1 });
      const config = parseOrderMapping(mappings.rows[0]!.config);
      expect(config.shipViaByShippingId).toEqual({ "1": "POSTEN", "3": "PICKUP" });
      expect(config.orderType).toBe("SO");
      const settings = await client.query<{ statusAfterExport: string | null; notifyCustomerOfStatus: boolean }>(
        `select "statusAfterExport", "notifyCustomerOfStatus" from "Settings"`,
      );
      expect(settings.rows).toEqual([
        { statusAfterExport: null, notifyCustomerOfStatus: false },
        { statusAfterExport: null, notifyCustomerOfStatus: false },
      ]);
      const columns = await client.query(
        `select column_name from information_schema.columns where table_name = 'Settings' and column_name = 'shippingMethodMap'`,
      );
      expect(columns.rows).toEqual([]);
    } finally {
      await client.end();
    }
  });
});
