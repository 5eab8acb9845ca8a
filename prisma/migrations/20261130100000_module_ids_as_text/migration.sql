-- Sync modules are defined in code (lib/sync/modules), one definition each; the database stores
-- their ids as text, checked by the module registry, so adding a module needs no migration.
-- ALTER ... TYPE keeps every row and rebuilds the indexes on these columns in place.
ALTER TABLE "Mapping" ALTER COLUMN "module" TYPE TEXT USING "module"::text;
ALTER TABLE "SyncRun" ALTER COLUMN "module" TYPE TEXT USING "module"::text;
ALTER TABLE "SyncItem" ALTER COLUMN "module" TYPE TEXT USING "module"::text;
ALTER TABLE "LogEntry" ALTER COLUMN "module" TYPE TEXT USING "module"::text;
DROP TYPE "SyncModule";

-- Cursor positions become the JSON of each stream's cursor codec (lib/sync/engine/cursor.ts):
-- order export kept UNIX seconds, every other stream an ISO time. The casts fail the migration
-- (and roll it back) on a position that is neither, rather than losing where a stream had got to.
ALTER TABLE "SyncCursor" ALTER COLUMN "position" TYPE JSONB USING (
  CASE
    WHEN "position" IS NULL THEN NULL
    WHEN "stream" = 'ORDER_EXPORT' THEN jsonb_build_object('updatedAt', "position"::bigint)
    ELSE jsonb_build_object('since', to_char("position"::timestamptz AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))
  END
);

-- The product mapping no longer has its own warehouse choice (Settings decides, for product import
-- and stock sync alike); drop the stale key from saved versions.
UPDATE "Mapping" SET "config" = "config" - 'warehouse' WHERE "config" ? 'warehouse';
