-- Dashboard and e-mail language (issue 17): a user's chosen locale, the tenant's e-mail language for
-- recipients who are not users, and error codes + parameters next to stored error texts so the
-- dashboard can show them in the reader's language.
-- AlterTable
ALTER TABLE "User" ADD COLUMN     "locale" TEXT;

-- AlterTable
ALTER TABLE "Connection" ADD COLUMN     "lastErrorCode" TEXT,
ADD COLUMN     "lastErrorParams" JSONB;

-- AlterTable
ALTER TABLE "Settings" ADD COLUMN     "emailLocale" TEXT NOT NULL DEFAULT 'en';

-- AlterTable
ALTER TABLE "SyncItem" ADD COLUMN     "errorParams" JSONB;

