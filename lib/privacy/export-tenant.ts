/**
 * "Download all data" (OWNER): the tenant's data as a zip of JSON files, streamed. Each file is a
 * JSON array (or object) written page by page, and a page is read only when the download asks for
 * more (the stream's pull), so a tenant with millions of ledger rows costs one page of memory.
 *
 * fflate builds the zip: maintained, no dependencies, and it compresses each chunk as it is pushed
 * (ZipDeflate), which is what streaming needs. Left out: secrets (connection secrets, the webhook's
 * signing secret, password hashes) and the customer index (keyed hashes, meaningless outside).
 */
import { strToU8, Zip, ZipDeflate } from "fflate";
import { recordAudit, type AuditActor } from "../audit/record-audit";
import { db } from "../db";

/** Rows read per page of the big tables. */
export const EXPORT_PAGE = 1_000;

type Row = Record<string, unknown>;
type PageReader = (after: string | null) => Promise<{ rows: Row[]; last: string | null }>;

/** The files of the export: small ones read at once, big ones paged by id. */
function exportFiles(tenantId: string): { name: string; read: PageReader | (() => Promise<unknown>); paged: boolean }[] {
  const byId =
    <T extends { id: string | bigint }>(load: (after: string | null) => Promise<T[]>): PageReader =>
    async (after) => {
      const rows = await load(after);
      return { rows: rows as unknown as Row[], last: rows.length === EXPORT_PAGE ? String(rows.at(-1)!.id) : null };
    };
  const bigId = (after: string | null) => (after === null ? {} : { id: { gt: BigInt(after) } });
  const uuidId = (after: string | null) => (after === null ? {} : { id: { gt: after } });
  const page = { take: EXPORT_PAGE, orderBy: { id: "asc" as const } };
  return [
    {
      name: "tenant.json",
      paged: false,
      read: () => db.tenant.findUniqueOrThrow({ where: { id: tenantId }, select: { id: true, slug: true, name: true, createdAt: true } }),
    },
    { name: "settings.json", paged: false, read: () => db.settings.findUniqueOrThrow({ where: { tenantId }, omit: { webhookSecret: true } }) },
    { name: "connections.json", paged: false, read: () => db.connection.findMany({ where: { tenantId }, omit: { encryptedSecret: true } }) },
    {
      name: "members.json",
      paged: false,
      read: async () =>
        (await db.membership.findMany({ where: { tenantId }, include: { user: { select: { email: true, name: true } } } })).map((m) => ({
          email: m.user.email,
          name: m.user.name,
          role: m.role,
          alertsMuted: m.alertsMuted,
          since: m.createdAt,
        })),
    },
    { name: "mappings.json", paged: false, read: () => db.mapping.findMany({ where: { tenantId }, orderBy: [{ module: "asc" }, { version: "asc" }] }) },
    { name: "cursors.json", paged: false, read: () => db.syncCursor.findMany({ where: { tenantId } }) },
    { name: "alerts.json", paged: false, read: () => db.alertCondition.findMany({ where: { tenantId }, orderBy: { startedAt: "asc" } }) },
    { name: "runs.json", paged: true, read: byId((after) => db.syncRun.findMany({ where: { tenantId, ...uuidId(after) }, ...page })) },
    { name: "ledger.json", paged: true, read: byId((after) => db.syncItem.findMany({ where: { tenantId, ...uuidId(after) }, ...page })) },
    { name: "logs.json", paged: true, read: byId((after) => db.logEntry.findMany({ where: { tenantId, ...bigId(after) }, ...page })) },
    { name: "audit.json", paged: true, read: byId((after) => db.auditEvent.findMany({ where: { tenantId, ...bigId(after) }, ...page })) },
    { name: "emails.json", paged: true, read: byId((after) => db.outboundEmail.findMany({ where: { tenantId, ...uuidId(after) }, ...page })) },
  ];
}

/** JSON with BigInt ids as strings (log and audit ids are bigint). */
function json(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) => (typeof item === "bigint" ? item.toString() : item), 2);
}

/** Writes the files one step (one page) at a time; each `yield` waits for the download to want more. */
async function* writeFiles(zip: Zip, tenantId: string): AsyncGenerator<void> {
  for (const file of exportFiles(tenantId)) {
    const entry = new ZipDeflate(file.name, { level: 6 });
    zip.add(entry);
    if (!file.paged) {
      entry.push(strToU8(json(await (file.read as () => Promise<unknown>)())), true);
      yield;
      continue;
    }
    const read = file.read as PageReader;
    entry.push(strToU8("["));
    let after: string | null = null;
    let first = true;
    do {
      const page = await read(after);
      const text = page.rows.map((row) => json(row)).join(",\n");
      if (text) entry.push(strToU8(`${first ? "\n" : ",\n"}${text}`));
      first &&= !text;
      after = page.last;
      yield;
    } while (after !== null);
    entry.push(strToU8("\n]\n"), true);
  }
}

/** The zip as a stream of bytes, produced as fast as it is read. */
export function tenantExportStream(tenantId: string): ReadableStream<Uint8Array> {
  let zip: Zip;
  let steps: AsyncGenerator<void>;
  let chunks = 0;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      zip = new Zip((error, chunk, final) => {
        if (error) return controller.error(error);
        chunks++;
        controller.enqueue(chunk);
        if (final) controller.close();
      });
      steps = writeFiles(zip, tenantId);
    },
    // A pull that enqueues nothing is not called again (the stream waits for data that never
    // comes), so it takes steps until the compressor gives out a chunk, or the files are done.
    async pull() {
      const before = chunks;
      while (chunks === before) {
        const step = await steps.next();
        if (step.done) return zip.end();
      }
    },
    async cancel() {
      await steps.return(undefined);
      zip.terminate();
    },
  });
}

export function exportFileName(slug: string, at = new Date()): string {
  return `apicenter-${slug}-${at.toISOString().slice(0, 10)}.zip`;
}

/** The download: audited when it starts (who, when), then streamed. */
export async function exportTenant(actor: AuditActor): Promise<Response> {
  const fileName = exportFileName(actor.tenant.slug);
  await recordAudit(actor, "tenant.export", "tenant", { fileName });
  return new Response(tenantExportStream(actor.tenant.id), {
    headers: { "content-type": "application/zip", "content-disposition": `attachment; filename="${fileName}"`, "cache-control": "no-store" },
  });
}
