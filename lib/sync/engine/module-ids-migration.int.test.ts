/**
 * The migration that turns the module enum into text and cursor positions into codec JSON keeps
 * every row: data written by the previous schema reads back through the new codecs.
 */
import { afterAll, describe, expect, it } from "vitest";
import { migrationTestDatabase } from "../../devstack/test-database";
import { SinceCursorCodec, WatermarkCursorCodec } from "./cursor";

const MIGRATION = "20261130100000_module_ids_as_text";
const database = migrationTestDatabase(MIGRATION, "module_ids");

afterAll(() => database.drop());

describe(`migration ${MIGRATION}`, () => {
  it("keeps runs, ledger rows, logs and mappings, and converts each cursor to its codec's JSON", async () => {
    const client = await database.upTo();
    try {
      const tenant = "11111111-1111-4111-8111-111111111111";
      await client.query(`insert into "Tenant" (id, slug, name, "updatedAt") values ($1, 'm', 'M', now())`, [tenant]);
      await client.query(`insert into "SyncRun" (id, "tenantId", module, trigger) values (gen_random_uuid(), $1, 'STOCK_SYNC', 'MANUAL')`, [tenant]);
      await client.query(
        `insert into "SyncItem" (id, "tenantId", module, "externalId", state, "updatedAt") values (gen_random_uuid(), $1, 'ORDER_EXPORT', '1042', 'DONE', now())`,
        [tenant],
      );
      await client.query(`insert into "LogEntry" ("tenantId", module, level, message, "expiresAt") values ($1, 'PRODUCT_IMPORT', 'INFO', 'hello', now())`, [
        tenant,
      ]);
      await client.query(`insert into "Mapping" (id, "tenantId", module, version, config) values (gen_random_uuid(), $1, 'PRODUCT_IMPORT', 1, $2)`, [
        tenant,
        JSON.stringify({ fields: {}, warehouse: { mode: "sum" }, defaultCategoryId: 1 }),
      ]);
      await client.query(
        `insert into "SyncCursor" ("tenantId", stream, position, "updatedAt") values
           ($1, 'ORDER_EXPORT', '1764000000', now()), ($1, 'PRODUCT_IMPORT', '2026-11-01T10:20:30.456Z', now()),
           ($1, 'VISMA_CUSTOMER_DIRECTORY', '2026-11-02T00:00:00.000Z', now()), ($1, 'STOCK_SYNC', null, now())`,
        [tenant],
      );

      await database.apply(client);

      const modules = await client.query<{ module: string }>(
        `select module from "SyncRun" union all select module from "SyncItem" union all select module from "LogEntry" union all select module from "Mapping" order by 1`,
      );
      expect(modules.rows.map((row) => row.module)).toEqual(["ORDER_EXPORT", "PRODUCT_IMPORT", "PRODUCT_IMPORT", "STOCK_SYNC"]);
      const columnTypes = await client.query<{ table_name: string; data_type: string }>(
        `select table_name, data_type from information_schema.columns where column_name = 'module' and table_schema = 'public' order by table_name`,
      );
      expect(columnTypes.rows.every((row) => row.data_type === "text")).toBe(true);
      // The unique ledger index survived the type change.
      await expect(
        client.query(
          `insert into "SyncItem" (id, "tenantId", module, "externalId", "updatedAt") values (gen_random_uuid(), $1, 'ORDER_EXPORT', '1042', now())`,
          [tenant],
        ),
      ).rejects.toThrow(/duplicate key/);

      const cursors = new Map(
        (await client.query<{ stream: string; position: unknown }>(`select stream, position from "SyncCursor"`)).rows.map((row) => [row.stream, row.position]),
      );
      expect(WatermarkCursorCodec.parse(cursors.get("ORDER_EXPORT"))).toEqual({ updatedAt: 1764000000 });
      expect(SinceCursorCodec.parse(cursors.get("PRODUCT_IMPORT"))).toEqual({ since: new Date("2026-11-01T10:20:30.456Z") });
      expect(SinceCursorCodec.parse(cursors.get("VISMA_CUSTOMER_DIRECTORY"))).toEqual({ since: new Date("2026-11-02T00:00:00.000Z") });
      expect(cursors.get("STOCK_SYNC")).toBeNull();

      const mapping = await client.query<{ config: Record<string, unknown> }>(`select config from "Mapping"`);
      expect(mapping.rows[0]!.config).toEqual({ fields: {}, defaultCategoryId: 1 });
    } finally {
      await client.end();
    }
  });
});
