/**
 * Operator command: re-encrypts every connection secret with APP_ENCRYPTION_KEY (decrypting with it
 * or APP_ENCRYPTION_KEY_PREVIOUS) and prints what it did as JSON. The rotation procedure is in
 * docs/security.md.
 *
 *   APP_ENCRYPTION_KEY=<new> APP_ENCRYPTION_KEY_PREVIOUS=<old> npm run rotate-key
 */
import { reencryptSecrets } from "@/lib/connections/reencrypt-secrets";
import { disconnectDb } from "@/lib/db";
import { applyMigrations } from "@/lib/devstack/migrate";
import { env } from "@/lib/env";
import { toAppError } from "@/lib/errors";

async function main() {
  await applyMigrations(env().DATABASE_URL);
  const summary = await reencryptSecrets();
  console.log(JSON.stringify(summary, null, 2));
  return summary.failed.length ? 1 : 0;
}

main()
  .then(async (code) => {
    await disconnectDb();
    process.exit(code);
  })
  .catch(async (error) => {
    console.error(JSON.stringify({ error: toAppError(error).toJSON() }, null, 2));
    await disconnectDb();
    process.exit(1);
  });
