-- Run logs in the reader's language (issue 17, part 2): a log line's text code and parameters next to
-- its English message, and a run's error parameters next to its error code (docs/i18n.md).
-- AlterTable
ALTER TABLE "SyncRun" ADD COLUMN     "errorParams" JSONB;

-- AlterTable
ALTER TABLE "LogEntry" ADD COLUMN     "code" TEXT,
ADD COLUMN     "params" JSONB;

