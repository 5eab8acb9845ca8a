-- Log text search ("contains", case-insensitive = ILIKE '%…%') must not scan every row: with
-- 1,000,000 log rows a sequential scan took ~300 ms per query (bench 8g). A trigram GIN index
-- serves ILIKE; pg_trgm is a trusted extension, so the database owner may create it.
-- Written by hand: Prisma's schema language does not describe this index.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX IF NOT EXISTS "LogEntry_message_trgm_idx" ON "LogEntry" USING gin ("message" gin_trgm_ops);
